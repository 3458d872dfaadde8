import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Runs scripted sessions: REPL command lines, `# comments`, and assertion lines —
/// `expect STAGE STATE` (or `expect P-1 decided`, `expect A-2 open`, `expect E-1 resolved` for
/// follow-up items and escalations), `expect-refused COMMAND...`, `expect-figure COMMAND... PATH VALUE`,
/// `expect-inbox PARTICIPANT N [TEXT]`
/// and `expect-escalations N` — plus `clock YYYY-MM-DD[THH:MM]`, which moves the playbook's clock,
/// stopping at the first failure with FILE:LINE:.
public enum Playbook {
    public static func run(files: [String], session: Session, console: Console) -> Int32 {
        for file in files {
            let text: String
            do { text = try InputFiles.text(file, what: "playbook") } catch {
                console.report(ShellError(error))
                return 1
            }
            // File paths inside a playbook are relative to its own folder, so it runs from anywhere.
            let previous = FileManager.default.currentDirectoryPath
            let folder = PathText.folder(of: file)
            if !folder.isEmpty { _ = FileManager.default.changeCurrentDirectoryPath(folder) }
            defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
            var commands = 0
            var checks = 0
            for (index, raw) in text.textLines.enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                do {
                    let word = String(line.prefix { !$0.isWhitespace })
                    let rest = String(line.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
                    switch CommandTable.playbookDirective(named: word) {
                    case .expectRefused?:
                        try expectRefused(rest, session: session, console: console)
                        checks += 1
                    case .expectFigure?:
                        try FigureCheck.check(rest, session: session)
                        checks += 1
                    case .expectInbox?:
                        try PlaybookChecks.inbox(rest, session: session)
                        checks += 1
                    case .expectEscalations?:
                        try PlaybookChecks.liveEscalations(rest, session: session)
                        checks += 1
                    case .clock?:
                        session.setClock(try ClockText.parse(rest, what: "clock"))
                        console.out("> clock \(rest)   (now \(Stamp.minute(session.now)))")
                    case .expect?:
                        try expect(rest, session: session)
                        checks += 1
                    case nil:
                        console.out("> \(line)")
                        let reply = try session.run(line: line)
                        if let text = session.render(reply) { console.out(text) }
                        commands += 1
                    }
                    if session.quitRequested { break }
                } catch {
                    console.report(error, line: index + 1, file: file)
                    return 1
                }
            }
            console.out("\(file): \(commands.counted("command")), \(checks.counted("check")) passed")
        }
        return 0
    }

    static func expect(_ rest: String, session: Session) throws(ShellError) {
        let words: [String]
        do { words = try Tokenizer.words(rest) } catch { throw .usage("a quote is not closed", fix: "close it") }
        guard words.count == 2 else {
            throw ShellError.usage(
                "expect needs a stage and a state, or an item and its state",
                fix: "write `expect STAGE STATE` (expect demand-review review) or `expect ITEM STATE` (expect P-1 decided, expect A-2 open)")
        }
        if let item = FollowUpKind.parse(words[0]) {
            return try expectItem(item.kind, item.number, words[1], session: session)
        }
        if let number = PlaybookChecks.escalationNumber(words[0]) {
            return try PlaybookChecks.escalation(number, words[1], session: session)
        }
        if words[0] == "cycle", try PlaybookChecks.cycleState(words[1], session: session) { return }
        guard let wanted = StageState(rawValue: words[1]) else {
            throw ShellError.usage("'\(words[1])' is not a stage state", fix: "use one of: \(StageState.allCases.map(\.rawValue).orList)")
        }
        let state: CycleState
        do { state = try CycleQueries.current(session) } catch {
            throw (error as? ShellError) ?? .failed("\(error)", fix: "check the database")
        }
        do { _ = try state.workflow.requireStage(words[0]) } catch { throw .usage(error.message, fix: error.fix) }
        let actual = state.state(of: words[0])
        if actual != wanted {
            throw ShellError.failed(
                "expected \(words[0]) to be \(wanted.rawValue), but it is \(actual.rawValue)",
                fix: "`why \(words[0])` explains its state")
        }
    }

    /// `expect P-1 decided|deferred|open`, `expect D-1 in-force|superseded`, `expect A-2 open|done|cancelled`,
    /// as the current cycle sees the item.
    static func expectItem(_ kind: FollowUpKind, _ number: Int, _ wanted: String, session: Session) throws(ShellError) {
        let label = kind.label(number)
        let actual: String?
        let choices: [String]
        do {
            let (state, register) = try FollowUpQueries.visible(session, including: [label])
            switch kind {
            case .proposal: actual = register.proposals[number]?.state(in: state.id).rawValue
            case .decision: actual = register.decisions[number].map { $0.isInForce ? "in-force" : "superseded" }
            case .action: actual = register.actions[number]?.state.rawValue
            }
        } catch {
            throw (error as? ShellError) ?? .failed("\(error)", fix: "check the database")
        }
        switch kind {
        case .proposal: choices = ["open", "decided", "deferred"]
        case .decision: choices = ["in-force", "superseded"]
        case .action: choices = ["open", "done", "cancelled"]
        }
        guard choices.contains(wanted) else {
            throw ShellError.usage("'\(wanted)' is not a \(kind.rawValue) state", fix: "use one of: \(choices.orList)")
        }
        guard let actual else {
            throw ShellError.failed("expected \(label) to be \(wanted), but there is no \(label)", fix: "`proposals`, `decisions` and `actions` list the items")
        }
        if actual != wanted {
            throw ShellError.failed("expected \(label) to be \(wanted), but it is \(actual)", fix: "`proposals`, `decisions` and `actions` show the items")
        }
    }

    static func expectRefused(_ command: String, session: Session, console: Console) throws(ShellError) {
        let before = eventCount(session)
        console.out("> \(command)   (expecting a refusal)")
        do {
            _ = try session.run(line: command)
        } catch {
            if case .usage = error {
                throw ShellError.failed("`\(command)` is not a valid command line: \(error.description)", fix: "fix the playbook line")
            }
            guard eventCount(session) == before else {
                throw ShellError.failed("`\(command)` was refused but the event log changed", fix: "this is a bug in sop; please report it")
            }
            console.out("refused as expected: \(error.description)")
            return
        }
        throw ShellError.failed("expected `\(command)` to be refused, but it succeeded", fix: "check the playbook's assumptions with `status` and `why`")
    }

    private static func eventCount(_ session: Session) -> Int {
        CycleQueries.eventCount(session)
    }
}

extension String {
    /// The rest of the line after a leading keyword and a space, or nil when it does not start with it.
    func droppingWord(_ word: String) -> String? {
        guard hasPrefix(word + " ") || self == word else { return nil }
        return String(dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
    }
}
