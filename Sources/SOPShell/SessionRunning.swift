import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Running command lines in a session: parse against the command table, dispatch to the handler,
/// and note refusals the access log keeps.
extension Session {
    /// Parses and runs one command given as words.
    public func run(_ words: [String]) throws(ShellError) -> Reply {
        // Runs once the handler has returned or thrown: every transaction of the command is over, so a
        // refused command's rollback is complete before its attempt is written to the access log.
        defer { recordRefusedAttempts(command: invocation ?? words.map(Tokenizer.quoted).joined(separator: " ")) }
        readCalendarZone()
        let parsed = try Parser.parse(words, table: CommandTable.all)
        do {
            switch parsed.spec.action {
            case .reference(let handler): return try handler(parsed, CycleQueries.workflowAtHand(self))
            case .session(let handler): return try handler(self, parsed)
            case .commandLine:
                throw ShellError.usage("\(parsed.spec.name) runs from the command line only", fix: "run `sop \(parsed.spec.name) ...` from your shell")
            case .playbookLine:
                throw ShellError.usage("\(parsed.spec.name) is a playbook line", fix: "put it in a .sop file and run `sop play FILE`; `help \(parsed.spec.name)` explains it")
            }
        } catch let error as ShellError {
            guard case .refused(let refusal) = error else { throw error }
            notePermissionRefused(refusal)
            throw .refused(refusal.fitted(to: actingSwitch))
        } catch let error as SystemError {
            throw ShellError(error)
        } catch let refusal as Refusal {
            notePermissionRefused(refusal)
            throw .refused(refusal.fitted(to: actingSwitch))
        } catch {
            throw StorageTrouble.error(error, path: database.path, moment: .command, openedReadOnly: database.isReadOnly)
                ?? .failed("\(error)", fix: "check the database file and try again")
        }
    }

    /// How the person can switch who acts after a refusal: `as` is a command line of its own, except
    /// in one-shot use.
    var actingSwitch: SessionRules.Naming { mode == .oneShot ? .commandLine : .asCommand }

    /// Runs one line as typed: blank lines and `# comments` do nothing.
    public func run(line: String) throws(ShellError) -> Reply {
        let words: [String]
        do { words = try Tokenizer.words(line) } catch {
            throw ShellError.usage("a \(error.quote) quote is not closed", fix: "close the quote, or escape it with a backslash")
        }
        if words.isEmpty || words[0].hasPrefix("#") { return .none }
        return try run(words)
    }

    /// Renders a reply for stdout: JSON in `--json` mode when the command reports something.
    public func render(_ reply: Reply) -> String? {
        if json, let value = reply.json { return JSONOutput.string(value) }
        return reply.text.isEmpty ? nil : reply.text
    }
}
