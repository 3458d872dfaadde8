import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// The handlers the command table points at; one file per group.
enum Handlers {}

extension Handlers {
    static func help(_ command: ParsedCommand, workflow: Workflow?) throws(ShellError) -> Reply {
        if command.arguments == ["permissions"] {
            return Reply(command.flag("--markdown") ? PermissionsText.markdown() : PermissionsText.text())
        }
        if command.flag("--markdown") { return Reply(HelpText.markdown(CommandTable.all)) }
        guard !command.arguments.isEmpty else { return Reply(HelpText.overview(CommandTable.all)) }
        let family = CommandTable.all.filter { $0.words.count > command.arguments.count && Array($0.words.prefix(command.arguments.count)) == command.arguments }
        if CommandTable.spec(named: command.arguments) == nil, !family.isEmpty {
            // `help action`: the family's commands, each with its summary.
            return Reply(family.map { "\($0.synopsis)\n    \($0.summary)" }.joined(separator: "\n"))
        }
        guard let spec = CommandTable.spec(named: command.arguments) else {
            throw ShellError.usage(
                "no command '\(command.arguments.joined(separator: " "))'",
                fix: "`help` lists them: \(CommandTable.all.map(\.name).joined(separator: ", "))")
        }
        return Reply(HelpText.detail(spec, examples: HelpExamples.adapted(spec, to: workflow)))
    }

    static func whoami(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let team = try session.team()
        let cycle = CycleQueries.currentID(session)
        guard let id = session.actorID, let me = team.participant(id) else {
            let nobody: TeamText.Nobody = session.accountNotOnTeam.map { .accountNotOnTeam($0) } ?? .notChosen(repl: session.mode == .repl)
            return TeamText.whoami(nil, nobody: nobody, cycle: cycle)
        }
        return TeamText.whoami(me, cycle: cycle)
    }

    static func team(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let team = try session.team()
        return Reply(TeamText.table(team, width: session.tableWidth), json: team.participants.map(TeamText.ParticipantJSON.init))
    }

    static func actAs(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let id = command.arguments[0]
        try session.act(as: id, claim: .asCommand)
        let me = try session.team().participant(id)
        let now = TeamText.nowActing(as: id, me)
        // In the REPL, switching is like starting as them: they hear what waits for them.
        guard session.mode == .repl, let greeting = InboxGreeting.text(session) else { return Reply(now) }
        return Reply(now + "\n" + greeting)
    }

    static func quit(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        session.requestQuit()
        return .none
    }
}
