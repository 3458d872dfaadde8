import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Matches a tokenized line against the command table: the longest matching command words, then
/// options and positional arguments as the entry declares them. Mistakes are usage errors (exit 2).
public enum Parser {
    public static func parse(_ words: [String], table: [CommandSpec]) throws(ShellError) -> ParsedCommand {
        guard let first = words.first else { throw ShellError.usage("no command given", fix: "type `help` for the commands") }
        try refuseControlCharacters(words)
        if first.hasPrefix("-") {
            throw ShellError.usage(
                "unknown option \(first)", fix: "global options are --db, --as, --cycle, --now and --json, before the command; see `sop --help`")
        }
        // The longest spelling (command words or an alias) that starts the line; the first of equals wins.
        var matched: (spec: CommandSpec, spelling: [String])?
        for spec in table {
            for spelling in [spec.words] + spec.aliases
            where spelling.count <= words.count && spelling.count > (matched?.spelling.count ?? 0) && words.starts(with: spelling) {
                matched = (spec, spelling)
            }
        }
        guard let (spec, spelling) = matched else {
            let groups = table.filter { $0.words.first == first && $0.words.count > 1 }
            if !groups.isEmpty {
                let subs = groups.compactMap { $0.words.dropFirst().first }
                let given = words.count > 1 ? "unknown \(first) command '\(words[1])'" : "\(first) needs a subcommand"
                throw ShellError.usage(given, fix: "use \(subs.map { "\(first) \($0)" }.orList)")
            }
            let near = table.map(\.name).filter { $0.hasPrefix(String(first.prefix(2))) }
            let hint = near.isEmpty ? "type `help` for the commands" : "did you mean \(near.orList)? `help` lists them all"
            throw ShellError.usage("unknown command '\(first)'", fix: hint)
        }
        return try parseArguments(Array(words.dropFirst(spelling.count)), for: spec)
    }

    /// What people type ends up on other people's screens (notes, reasons, proposals in `log`, `agenda`,
    /// error lines): an escape sequence, a line break or a bidirectional override in it would recolour,
    /// move or reorder what they read. Such words are refused before anything echoes them.
    static func refuseControlCharacters(_ words: [String]) throws(ShellError) {
        for (position, word) in words.enumerated() {
            guard let bad = word.unicodeScalars.first(where: PrintableText.isUnprintable) else { continue }
            let code = "U+" + String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw ShellError.usage(
                "word \(position + 1) of the command holds a control character (\(code))",
                fix: "type plain text: escape sequences, line breaks and direction overrides would reach other people's screens through the record")
        }
    }

    static func parseArguments(_ words: [String], for spec: CommandSpec) throws(ShellError) -> ParsedCommand {
        var positional: [String] = []
        var options: [String: String] = [:]
        var index = 0
        // A playbook line that holds a command (`expect-refused`, `expect-figure`) takes its words as
        // they are: the options belong to the command inside.
        var onlyPositional = spec.playbookDirective != nil && spec.arguments.first?.kind == .command
        // Built only for a message: the synopsis is put together from the table entry.
        var usage: String { "usage: \(spec.synopsis)" }
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositional || !word.hasPrefix("--") {
                positional.append(word)
                continue
            }
            if word == "--" {
                onlyPositional = true
                continue
            }
            var name = word
            var inline: String? = nil
            if let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let known = spec.options.map(\.name)
                throw ShellError.usage(
                    "unknown option \(name) for \(spec.name)",
                    fix: known.isEmpty ? "\(spec.name) takes no options; \(usage)" : "options are \(known.orList); \(usage)")
            }
            if options[name] != nil { throw ShellError.usage("\(name) given twice", fix: usage) }
            if option.value == nil {
                if inline != nil { throw ShellError.usage("\(name) takes no value", fix: usage) }
                options[name] = ""
            } else if let inline {
                options[name] = inline
            } else if index < words.count {
                options[name] = words[index]
                index += 1
            } else {
                throw ShellError.usage("\(name) needs a value (\(option.value?.placeholder ?? "VALUE"))", fix: usage)
            }
        }
        let alternatives = spec.options.filter { $0.alternativeToArgument && options[$0.name] != nil }
        var expected = spec.arguments
        if !alternatives.isEmpty, let last = expected.last {
            // `--note TEXT` stands in for FILE: FILE must then be absent.
            if positional.count >= expected.count {
                throw ShellError.usage("give either \(last.name) or \(alternatives.map(\.name).andList), not both", fix: usage)
            }
            expected.removeLast()
        }
        if alternatives.count > 1 {
            throw ShellError.usage("give only one of \(alternatives.map(\.name).andList)", fix: usage)
        }
        let required = expected.filter { !$0.optional }
        if positional.count < required.count {
            let missing = required[positional.count]
            let alt = spec.options.filter(\.alternativeToArgument).map(\.name)
            let or = missing.name == spec.arguments.last?.name && !alt.isEmpty ? " (or \(alt.orList))" : ""
            throw ShellError.usage("\(spec.name) needs \(missing.name)\(or)", fix: usage)
        }
        let repeating = expected.firstIndex(where: \.repeating)
        if positional.count > expected.count && repeating == nil {
            let extra = positional[expected.count]
            throw ShellError.usage("unexpected argument '\(extra)' for \(spec.name)", fix: "quote text that has spaces; \(usage)")
        }
        for option in spec.options where option.required && options[option.name] == nil {
            throw ShellError.usage("\(spec.name) needs \(option.name) \(option.value?.placeholder ?? "")".trimmingTrailingSpace, fix: usage)
        }
        // An optional leading argument (`decide [P-N] TEXT`) is present only when every argument is given.
        var kinds = expected
        if positional.count < expected.count, let skipped = expected.firstIndex(where: \.optional), !expected[skipped].repeating {
            kinds.remove(at: skipped)
        }
        // A repeating argument takes the words the arguments around it leave (`COMMAND... PATH VALUE`).
        if let r = repeating, positional.count > kinds.count {
            kinds.insert(contentsOf: Array(repeating: expected[r], count: positional.count - kinds.count), at: r)
        }
        for (value, argument) in zip(positional, kinds) { try check(value, argument.kind, what: argument.name, usage: usage) }
        if positional.count < expected.count, let first = expected.first, first.optional, let value = positional.first,
            let item = FollowUpKind.parse(value), first.kind == .proposal, item.kind == .proposal {
            throw ShellError.usage("\(spec.name) \(value) needs \(expected.last?.name ?? "more")", fix: usage)
        }
        for option in spec.options {
            if let kind = option.value, let value = options[option.name] { try check(value, kind, what: option.name, usage: usage) }
        }
        return ParsedCommand(spec: spec, arguments: positional, options: options)
    }

    /// Values whose form is fixed (item ids, dates, months) are checked here, before any database is
    /// opened, so a malformed one is a usage error that changes nothing.
    static func check(_ value: String, _ kind: ValueKind, what: String, usage: @autoclosure () -> String) throws(ShellError) {
        switch kind {
        case .proposal, .decision, .action:
            let wanted: FollowUpKind = kind == .proposal ? .proposal : kind == .decision ? .decision : .action
            guard FollowUpKind.parse(value)?.kind == wanted else {
                throw ShellError.usage("\(what) '\(value)' is not \(wanted.article) id", fix: "write it as \(wanted.prefix)-N, e.g. \(wanted.label(1)); \(usage())")
            }
        case .date:
            guard Day(value) != nil else { throw ShellError.usage("\(what) '\(value)' is not a date", fix: "write it as YYYY-MM-DD, e.g. 2026-12-04") }
        case .month:
            guard CycleMonth(value) != nil else { throw ShellError.usage("\(what) '\(value)' is not a month", fix: "write it as YYYY-MM, e.g. 2027-01") }
        case .command, .stage, .input, .participant, .cycle, .role, .state, .file, .number, .format, .proposalOption, .text:
            return
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
