import Yams

/// Turns YAML text into a node tree, reporting a syntax error as one positioned diagnostic.
enum YAMLSource {
    static func compose(_ yaml: String, log: DiagnosticLog) -> Node? {
        log.text = yaml
        // Before Yams composes: it hashes every key, and an alias in a key can stand for billions of values.
        let aliases = AliasExpansion.aliases(in: yaml)
        if let alias = aliases.first(where: \.inKey) {
            log.error(
                "the alias `*\(alias.name)` is used in a mapping key (YAML would expand it to compare the keys, "
                    + "and a few lines of aliases can stand for billions of values: write the key out, "
                    + "and use `*\(alias.name)` only as a value)",
                at: alias.position)
            return nil
        }
        // The parser is kept, not just its document: it holds the anchors the expansion count recognises.
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: yaml)
            root = try parser.singleRoot()
        } catch {
            report(error, in: yaml, log: log)
            return nil
        }
        guard let root else {
            log.error(
                "the file is empty (a workflow starts with `workflow: ID`, a team file with `team:`)",
                at: .start)
            return nil
        }
        if let excess = AliasExpansion.excess(in: root, composedBy: parser, aliases: aliases) {
            log.error(
                "the file's aliases expand to more than \(AliasExpansion.limit) values (a YAML bomb, or `*alias` "
                    + "references nested far too deep: write the entries out, or reuse fewer aliases)",
                at: excess)
            return nil
        }
        return root
    }

    private static func report(_ error: any Error, in yaml: String, log: DiagnosticLog) {
        guard let error = error as? YamlError else {
            log.error("could not read the YAML: \(error)", at: .start)
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let position = Position(line: mark.line, column: mark.column)
            if problem.contains("another document") {
                log.error(
                    "the file holds more than one YAML document (a workflow or team file is one document: "
                        + "remove this `---` and what follows, or move it to its own file)",
                    at: position)
                return
            }
            if problem.contains("Maximum nesting level") {
                // libyaml's own wording names a C function; say what it means for the file.
                log.error(
                    "the file nests lists and mappings more than 1000 levels deep (a workflow needs a few: "
                        + "close the `[` and `{` opened here)",
                    at: position)
                return
            }
            if problem.contains("undefined alias") {
                log.error(
                    "invalid YAML: found undefined alias (define the anchor `&name` before using `*name`)",
                    at: position)
                return
            }
            var message = "invalid YAML: \(problem)"
            // libyaml's context ("while parsing a block mapping") only helps when it points elsewhere.
            if let context, context.mark.line != mark.line {
                message += " \(context.text) that starts at line \(context.mark.line)"
            }
            log.error(message + " (\(syntaxHint(at: position, in: yaml)))", at: position)
        case .reader(let problem, let offset, _, _):
            let position = offset.map { Self.position(ofCharacter: $0, in: yaml) } ?? Position.start
            log.error("unreadable text: \(problem) (save the file as plain UTF-8 text)", at: position)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = Position(line: context.mark.line, column: context.mark.column)
            let key = duplicates.first ?? ""
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams marks the first occurrence; the repeat is the one a person usually wants to delete.
            if let repeated = repeatedKey(key, after: first, in: yaml) {
                log.error(
                    "duplicate key \(names) (it was already given at line \(first.line); keep one of them)",
                    at: repeated)
            } else {
                log.error("duplicate key \(names) in this mapping (keep one of each)", at: first)
            }
        default:
            log.error("could not read the YAML: \(error)", at: .start)
        }
    }

    /// Tabs are the most common cause of YAML syntax errors and libyaml's wording does not say so.
    private static func syntaxHint(at position: Position, in yaml: String) -> String {
        let lines = lines(of: yaml)
        if lines.indices.contains(position.line - 1), lines[position.line - 1].contains("\t") {
            return "YAML does not allow tabs for indentation; indent with spaces"
        }
        return "check the indentation here, and quote values that contain ': ' or start with a special character"
    }

    /// What libyaml counts as a line break: with these, a position found here matches its marks
    /// (`"\r\n"` is one Character in Swift, so comparing with `"\n"` alone misses CRLF files).
    private static let lineBreaks: Set<Character> = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]

    /// The file's lines as libyaml numbers them: splitting at `"\n"` alone put a repeated key found
    /// after a stray `\r` or U+2028 on the wrong line.
    private static func lines(of yaml: String) -> [Substring] {
        yaml.split(omittingEmptySubsequences: false, whereSeparator: lineBreaks.contains)
    }

    /// Just after the last character: where DiagnosticLog moves positions past the end of the file.
    static func end(of yaml: String) -> Position {
        position(ofCharacter: yaml.count, in: yaml)
    }

    private static func position(ofCharacter offset: Int, in yaml: String) -> Position {
        var line = 1
        var column = 1
        for character in yaml.prefix(offset) {
            if lineBreaks.contains(character) {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return Position(line: line, column: column)
    }

    /// Finds `key:` again in the same block mapping: a later line indented exactly like the first
    /// occurrence, before the mapping ends (a non-blank line indented less). Flow mappings and quoted
    /// keys are not found, and the caller falls back to the first occurrence.
    private static func repeatedKey(_ key: String, after first: Position, in yaml: String) -> Position? {
        let lines = lines(of: yaml)
        let indent = first.column - 1
        var index = first.line  // the line after the first occurrence (lines are 0-based here)
        while index < lines.count {
            let line = lines[index]
            let leading = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(leading)
            index += 1
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            if leading < indent { return nil }
            if leading == indent, rest.hasPrefix(key) {
                let after = rest.dropFirst(key.count).drop { $0 == " " }
                if after.hasPrefix(":") { return Position(line: index, column: first.column) }
            }
        }
        return nil
    }
}
