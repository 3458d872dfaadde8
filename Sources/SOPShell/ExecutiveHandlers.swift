import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Decision requests and decisions: `propose`, `proposals`, `decide`, `defer`, `decisions`.
extension Handlers {
    static func propose(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let options = command.option("--options").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) } ?? []
        let scenarios = command.option("--scenarios").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        return try Acknowledgement.change(
            session, .propose(text: command.arguments[0], stage: command.option("--stage"), options: options, scenarios: scenarios))
    }

    static func decide(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        var proposal: Int? = nil
        var text = command.arguments[0]
        if command.arguments.count == 2 {
            proposal = try itemNumber(command.arguments[0], .proposal)
            text = command.arguments[1]
        } else if FollowUpKind.parse(text)?.kind == .proposal {
            throw ShellError.usage("decide \(text) needs the decision's TEXT", fix: "e.g. decide \(text) \"Approve the overtime plan\" --rationale \"...\"")
        }
        let supersedes = try command.option("--supersedes").map { try itemNumber($0, .decision) }
        return try Acknowledgement.change(
            session,
            .decide(
                proposal: proposal, text: text, rationale: command.option("--rationale") ?? "", option: command.option("--option"),
                supersedes: supersedes))
    }

    static func deferProposal(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let number = try itemNumber(command.arguments[0], .proposal)
        return try Acknowledgement.change(
            session, .deferProposal(number, to: command.option("--to") ?? "", reason: command.option("--reason") ?? ""))
    }

    static func proposals(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let (state, register) = try FollowUpQueries.visible(session)
        let cycle = state.id
        let rows = register.proposals(of: cycle).map { FollowUpText.ProposalJSON($0, viewer: cycle) }
        if rows.isEmpty {
            return Reply("No proposals in cycle \(cycle). The leader or a proposer role raises one with `propose TEXT`.", json: rows)
        }
        let open = rows.filter { $0.state == .open }.count
        return Reply("Proposals of cycle \(cycle): \(open) open.\n" + FollowUpText.proposals(rows, width: session.tableWidth), json: rows)
    }

    static func decisions(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let allCycles = command.flag("--all-cycles")
        let (cycle, decisions) = try FollowUpQueries.decisions(session, allCycles: allCycles)
        let rows = decisions.map(FollowUpText.DecisionJSON.init)
        let scope = allCycles ? "any cycle" : "cycle \(cycle)"
        if rows.isEmpty {
            return Reply("No decisions recorded in \(scope). The sponsor records one with `decide [P-N] TEXT --rationale TEXT`.", json: rows)
        }
        return Reply("Decisions recorded in \(scope):\n" + FollowUpText.decisions(rows, width: session.tableWidth), json: rows)
    }

    /// `P-3` as a number, or a usage error naming the form expected.
    static func itemNumber(_ text: String, _ kind: FollowUpKind) throws(ShellError) -> Int {
        guard let parsed = FollowUpKind.parse(text), parsed.kind == kind else {
            throw ShellError.usage("'\(text)' is not \(kind.article) id", fix: "write it as \(kind.prefix)-N, e.g. \(kind.label(1))")
        }
        return parsed.number
    }
}
