import Yams

extension Node {
    /// Yams always marks composed nodes; the fallback only covers nodes built in code.
    var position: Position {
        guard let mark else { return .start }
        return Position(line: mark.line, column: mark.column)
    }

    /// `key:` with nothing after it, or `~`/`null`: YAML's way of saying "no value".
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        // An untagged plain scalar is null when spelled as one. Asking Yams (`tag`) runs up to seven
        // regular expressions per scalar, most of the time spent reading a workflow.
        if scalar.tag.rawValue == Tag.Name.implicit.rawValue { return Self.nullSpellings.contains(scalar.string) }
        return tag.rawValue == Tag.Name.null.rawValue
    }

    /// YAML 1.1's null spellings, as Yams' default resolver matches them.
    private static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// `key:` with no value or `[]`: a list the schema needs to be non-empty was left empty.
    var isEmptyList: Bool { isNull || sequence?.isEmpty == true }

    /// How the node looks to the person who wrote it, for "must be X, not Y" messages.
    var shapeName: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return isNull ? "nothing" : "a single value"
        case .alias: return "an alias"
        }
    }
}

/// The keys of one YAML mapping, already checked against the keys allowed there.
struct Fields {
    let position: Position
    fileprivate var values: [String: Node] = [:]
    fileprivate var keyPositions: [String: Position] = [:]

    subscript(key: String) -> Node? { values[key] }

    /// Problems about a whole entry (a missing sibling, a conflict) point at its key.
    func keyPosition(_ key: String) -> Position { keyPositions[key] ?? position }
}

/// Typed access to YAML nodes that logs a positioned diagnostic and carries on, instead of throwing.
struct NodeReader {
    let log: DiagnosticLog

    /// Reads a mapping whose keys must come from `allowed`.
    func fields(_ node: Node, of what: String, allowed: [String], hint: String) -> Fields? {
        guard case .mapping(let mapping) = node else {
            log.error("\(what) must be a mapping of keys, not \(node.shapeName) (\(hint))", at: node.position)
            return nil
        }
        var fields = Fields(position: node.position)
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode, !keyNode.isNull else {
                log.error(
                    "\(what) has a key that is not a plain name (keys are: \(Hints.list(allowed)))",
                    at: keyNode.position)
                continue
            }
            let key = scalar.string
            // Yams rejects repeated keys itself, except ones that differ only in YAML type (`1:` and `"1":`).
            if let first = fields.keyPositions[key] {
                log.error(
                    "duplicate key '\(key)' in \(what) (it was already given at line \(first.line); keep one of them)",
                    at: keyNode.position)
                continue
            }
            fields.keyPositions[key] = keyNode.position
            guard allowed.contains(key) else {
                log.error(
                    "unknown key '\(key)' in \(what) (\(Hints.didYouMean(key, among: allowed))"
                        + "allowed keys: \(Hints.list(allowed)))",
                    at: keyNode.position)
                continue
            }
            fields.values[key] = value
        }
        return fields
    }

    /// The value of a key the schema requires; logs `message` at the mapping when it is absent.
    func require(_ key: String, in fields: Fields, _ message: String) -> Node? {
        guard let node = fields[key] else {
            log.error(message, at: fields.position)
            return nil
        }
        return node
    }

    /// A single non-empty value, whatever YAML type it resolved to (`2026` is fine as a title).
    func text(_ node: Node, _ what: String, hint: String) -> String? {
        guard case .scalar(let scalar) = node else {
            log.error("\(what) must be a single value, not \(node.shapeName) (\(hint))", at: node.position)
            return nil
        }
        guard !node.isNull, !scalar.string.allSatisfy(\.isWhitespace) else {
            log.error("\(what) is empty (\(hint))", at: node.position)
            return nil
        }
        return scalar.string
    }

    /// Text that must also be a valid id. A malformed id is still returned, so that references to it
    /// resolve and the one mistake is reported once rather than at every use.
    func id(_ node: Node, _ what: String, example: String) -> String? {
        guard let value = text(node, what, hint: "write it like `\(example)`") else { return nil }
        if !Hints.isID(value) {
            log.error("bad \(what) '\(value)' (\(Hints.idRule), e.g. \(example))", at: node.position)
        }
        return value
    }

    /// A YAML list; a key written with no value counts as an empty list, so callers decide if that is allowed.
    func list(_ node: Node, _ what: String, hint: String) -> [Node]? {
        if node.isNull { return [] }
        guard case .sequence(let sequence) = node else {
            log.error("\(what) must be a list, not \(node.shapeName) (\(hint))", at: node.position)
            return nil
        }
        return Array(sequence)
    }

    /// A list of single values, each given once; entries that are not text are reported and dropped.
    func words(_ node: Node, _ what: String, hint: String) -> [Located<String>]? {
        guard let items = list(node, what, hint: hint) else { return nil }
        var seen: Set<String> = []
        var result: [Located<String>] = []
        for item in items {
            guard let value = text(item, "an entry of \(what)", hint: hint) else { continue }
            guard seen.insert(value).inserted else {
                log.error("'\(value)' is listed twice in \(what) (list it once)", at: item.position)
                continue
            }
            result.append(Located(value: value, position: item.position))
        }
        return result
    }

    /// A plain decimal integer, or nil; callers word the error because the valid range differs.
    static func wholeNumber(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, !node.isNull else { return nil }
        return Int(scalar.string)
    }

    /// The value as written, for quoting back in a message ("bad due 'x'").
    static func written(_ node: Node) -> String {
        if case .scalar(let scalar) = node, !node.isNull { return "'\(scalar.string)'" }
        return node.shapeName
    }
}
