import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// The playbook assertions about escalations and inboxes: `expect E-N live|resolved`,
/// `expect-inbox PARTICIPANT N [TEXT]` and `expect-escalations N`.
enum PlaybookChecks {
    /// `E-3` (any case) → 3.
    static func escalationNumber(_ word: String) -> Int? {
        let upper = word.uppercased()
        guard upper.hasPrefix("E-"), let n = Int(upper.dropFirst(2)), n > 0 else { return nil }
        return n
    }

    static func escalation(_ number: Int, _ wanted: String, session: Session) throws(ShellError) {
        guard ["live", "resolved"].contains(wanted) else {
            throw ShellError.usage("'\(wanted)' is not an escalation state", fix: "use live or resolved")
        }
        let found = try read { try EscalationQueries.escalation(session, number: number) }
        guard let found else {
            throw ShellError.failed("expected E-\(number) to be \(wanted), but there is no E-\(number)", fix: "`escalations --all` lists them")
        }
        let actual = found.isLive ? "live" : "resolved"
        if actual != wanted {
            throw ShellError.failed("expected E-\(number) to be \(wanted), but it is \(actual)", fix: "`escalations --all` shows them")
        }
    }

    /// `expect-inbox omar 2 "supply-review is 1 workday late"`: omar has exactly 2 unacknowledged
    /// notifications, and one of them says TEXT.
    static func inbox(_ rest: String, session: Session) throws(ShellError) {
        let words: [String]
        do { words = try Tokenizer.words(rest) } catch { throw .usage("a quote is not closed", fix: "close it") }
        guard (2...3).contains(words.count), let count = Int(words[1]), count >= 0 else {
            throw ShellError.usage(
                "expect-inbox needs a participant and a count", fix: "write `expect-inbox omar 2` or `expect-inbox omar 2 \"supply-review is 1 workday late\"`")
        }
        let items = try read { try EscalationQueries.unacknowledged(session, of: words[0]) }
        if items.count != count {
            throw ShellError.failed(
                "expected \(words[0]) to have \(count.counted("unacknowledged notification")), but there \(items.count == 1 ? "is" : "are") \(items.count)"
                    + (items.isEmpty ? "" : ": " + items.map(\.subject).joined(separator: "; ")),
                fix: "`as \(words[0])` then `inbox` shows them")
        }
        if words.count == 3, !items.contains(where: { $0.subject.contains(words[2]) }) {
            throw ShellError.failed(
                "no notification of \(words[0]) says \"\(words[2])\"; they say: " + items.map(\.subject).joined(separator: "; "),
                fix: "`as \(words[0])` then `inbox` shows them")
        }
    }

    /// `expect-escalations 2`: the cycle sees exactly 2 live escalations.
    static func liveEscalations(_ rest: String, session: Session) throws(ShellError) {
        guard let count = Int(rest), count >= 0 else {
            throw ShellError.usage("expect-escalations needs a count", fix: "write `expect-escalations 2`")
        }
        let live = try read { try EscalationQueries.liveSeen(session) }
        if live.count != count {
            throw ShellError.failed(
                "expected \(count.counted("live escalation")), but there \(live.count == 1 ? "is" : "are") \(live.count)"
                    + (live.isEmpty ? "" : ": " + live.map { "\($0.label) \(EscalationWords.message($0))" }.joined(separator: "; ")),
                fix: "`escalations` lists them")
        }
    }

    private static func read<T>(_ body: () throws -> T) throws(ShellError) -> T {
        do { return try body() } catch {
            throw (error as? ShellError) ?? .failed("\(error)", fix: "check the database")
        }
    }
}
