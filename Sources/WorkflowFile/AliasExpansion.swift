import CYaml

/// Guards against YAML bombs ("billion laughs"): a few lines of anchors and aliases that stand for
/// billions of values. Yams shares an aliased node rather than copying it, so reading such a file is
/// cheap until something walks it; but Yams itself hashes every mapping key to find duplicates, and
/// an alias used as a key makes that walk exponential (a 10-line file hung `sop workflow check`).
/// So before Yams composes the document, one pass over libyaml's events (Yams' own parser, linear in
/// the file) counts the values the document holds with every alias expanded, and stops at a limit no
/// real workflow or team file comes near.
enum AliasExpansion {
    /// The bundled workflow holds a few hundred values; a thousand-stage workflow a few tens of thousands.
    static let limit = 100_000

    /// Where the expanded document first holds more than `limit` values, or nil when it stays under
    /// (or when libyaml cannot read the text: Yams then reports that syntax error itself).
    static func excess(in yaml: String) -> Position? {
        let bytes = Array(yaml.utf8)
        // libyaml asserts on a null buffer; an empty file holds no aliases anyway.
        guard !bytes.isEmpty else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return bytes.withUnsafeBufferPointer { buffer -> Position? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = Counter()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                counter.count(event)
                if counter.total > limit {
                    return Position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                }
            }
        }
    }

    /// Sizes of anchored nodes and of the collections still open, in values after expansion. Every
    /// size is at most `total`, and counting stops once `total` passes the limit, so nothing overflows.
    private struct Counter {
        var total = 0
        private var anchors: [String: Int] = [:]
        /// One entry per open sequence or mapping: its anchor, and the values counted inside it so far.
        private var open: [(anchor: String?, size: Int)] = []

        mutating func count(_ event: yaml_event_t) {
            switch event.type {
            case YAML_SCALAR_EVENT:
                total += 1
                finished(size: 1, anchor: Self.name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                // An undefined alias is Yams' error to report; count it as one value meanwhile.
                let size = Self.name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                total += size
                finished(size: size, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                total += 1
                open.append((Self.name(event.data.sequence_start.anchor), 1))
            case YAML_MAPPING_START_EVENT:
                total += 1
                open.append((Self.name(event.data.mapping_start.anchor), 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return }
                finished(size: closed.size, anchor: closed.anchor)
            default:
                break
            }
        }

        /// A node of `size` values is complete: remember it under its anchor, and count it in the
        /// collection around it (its values are in `total` already, counted as they were read).
        private mutating func finished(size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }

        private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
