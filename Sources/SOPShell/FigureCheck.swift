import Foundation
import SOPApp
import SOPCore
import SOPText

/// `expect-figure COMMAND... PATH VALUE`: runs a read command, takes the figure at PATH in its
/// `--json` answer and fails unless it is VALUE — so a tutorial proves its numbers.
///
/// PATH walks the JSON: `total.wmape`, `families[0].pairs`, and, because positions shift when data
/// changes, `families[family=outdoor].months[month=2026-12].gap` picks the element whose key has
/// that value. VALUE `null` matches a missing figure; a number matches when the figure rounds to it
/// at VALUE's own decimals (`0.125` is met by 0.1249999, `1200` by 1200.4), so a playbook states a
/// figure as a planner would read it; anything else compares as text.
enum FigureCheck {
    static func check(_ rest: String, session: Session) throws(ShellError) {
        let words: [String]
        do { words = try Tokenizer.words(rest) } catch { throw .usage("a quote is not closed", fix: "close it") }
        guard words.count >= 3 else {
            throw ShellError.usage(
                "expect-figure needs a command, a path into its JSON and a value",
                fix: "write it like `expect-figure accuracy --lag 1 total.wmape 0.12`")
        }
        let command = words.dropLast(2).map(Tokenizer.quoted).joined(separator: " ")
        let (path, wanted) = (words[words.count - 2], words[words.count - 1])
        let steps = try Self.steps(path)
        let before = CycleQueries.eventCount(session)
        let reply = try session.run(line: command)
        guard CycleQueries.eventCount(session) == before else {
            throw ShellError.failed("`\(command)` changed the record; expect-figure reads figures only", fix: "run the command on its own line, then check its figures")
        }
        guard let value = reply.json else {
            throw ShellError.failed("`\(command)` has no JSON answer to read a figure from", fix: "use a command that reports figures, such as balance, plan diff or accuracy")
        }
        let tree: Any
        do { tree = try JSONSerialization.jsonObject(with: Data(JSONOutput.string(value).utf8), options: [.fragmentsAllowed]) } catch {
            throw ShellError.failed("`\(command)` gave JSON that could not be read back", fix: "this is a bug in sop; please report it")
        }
        let found = try Self.walk(tree, steps, path: path, command: command)
        guard Self.matches(found, wanted) else {
            throw ShellError.failed("expected \(path) of `\(command)` to be \(wanted), but it is \(Self.written(found))", fix: "`\(command)` shows the figures")
        }
    }

    /// One step of a path: a key, a position, or the element whose `key` is `value`.
    enum Step: Equatable {
        case key(String)
        case index(Int)
        case match(key: String, value: String)
    }

    static func steps(_ path: String) throws(ShellError) -> [Step] {
        var steps: [Step] = []
        let bad = ShellError.usage(
            "'\(path)' is not a figure path", fix: "write keys joined by dots, with [N] or [KEY=VALUE] for lists: families[family=outdoor].wmape")
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let name = rest.prefix { $0 != "[" }
            if name.contains(where: { "]=".contains($0) }) { throw bad }
            if !name.isEmpty { steps.append(.key(String(name))) }
            rest = rest.dropFirst(name.count)
            if name.isEmpty && rest.isEmpty { throw bad }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { throw bad }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if let n = Int(inside), n >= 0 {
                    steps.append(.index(n))
                } else if let eq = inside.firstIndex(of: "="), eq != inside.startIndex {
                    steps.append(.match(key: String(inside[..<eq]), value: String(inside[inside.index(after: eq)...])))
                } else {
                    throw bad
                }
                rest = rest[rest.index(after: close)...]
            }
        }
        return steps
    }

    static func walk(_ tree: Any, _ steps: [Step], path: String, command: String) throws(ShellError) -> Any {
        var node: Any = tree
        for step in steps {
            let next: Any?
            switch step {
            case .key(let key): next = (node as? [String: Any])?[key]
            case .index(let n):
                let list = node as? [Any]
                next = list.flatMap { n < $0.count ? $0[n] : nil }
            case .match(let key, let value):
                next = (node as? [Any])?.first { element in
                    (element as? [String: Any])?[key].map { written($0) == value } ?? false
                }
            }
            guard let next else {
                throw ShellError.failed("`\(command)` has no figure at \(path)", fix: "`sop --json \(command)` shows what it holds")
            }
            node = next
        }
        return node
    }

    static func matches(_ found: Any, _ wanted: String) -> Bool {
        if wanted == "null" { return found is NSNull }
        if let number = found as? NSNumber, !(found is Bool), let target = Decimal(string: wanted, locale: Locale(identifier: "en_US_POSIX")),
           wanted.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            let decimals = wanted.split(separator: ".").dropFirst().first?.count ?? 0
            var figure = number.decimalValue
            var rounded = Decimal()
            NSDecimalRound(&rounded, &figure, decimals, .plain)
            return rounded == target
        }
        return written(found) == wanted
    }

    /// A JSON value as a playbook would write it.
    static func written(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default:
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(value)" }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
