import Yams

/// Guards against YAML bombs ("billion laughs"): a few lines of anchors and aliases that stand for
/// billions of values. Two dangers, met at two moments:
///
/// - Yams hashes every mapping key while it composes, to find duplicates, and hashing walks the whole
///   key: an alias in a key (or in a list or mapping used as a key) made composing exponential (a
///   10-line file hung `sop workflow check`). So before Yams composes, `aliases(in:)` reads the text's
///   structure (`YAMLTokenScanner`, linear in the file) and refuses any alias inside a key. No workflow
///   or team file needs one: keys are names.
/// - An alias used as a value is shared by Yams, not copied: composing stays cheap, but the readers
///   then walk every value. So once Yams has composed, `excess` counts the document's values with every
///   alias expanded, and stops as soon as the count passes `limit`: the walk is bounded by the limit,
///   however far the aliases would expand.
///
/// Only Yams' public API is used: its libyaml module is not a product of the package.
enum AliasExpansion {
    /// The bundled workflow holds a few hundred values; a thousand-stage workflow a few tens of thousands.
    static let limit = 100_000

    /// One `*name` of the text, as libyaml will read it.
    struct Alias: Equatable {
        var name: String
        var position: Position
        /// Inside a mapping key: the key itself (`*a: 1`, `{*a: 1}`, `? *a`), or in a list or mapping
        /// used as a key (`? [*a]`).
        var inKey: Bool
    }

    /// Every alias of the text in order, up to the end or to a syntax error (Yams composes nothing
    /// after one, and reports it).
    static func aliases(in yaml: String) -> [Alias] {
        var keys = KeyTracker()
        var aliases: [Alias] = []
        for token in YAMLTokenScanner.tokens(of: yaml) {
            if token.kind == .alias {
                aliases.append(Alias(name: token.name, position: token.position, inKey: keys.isInKey))
            }
            keys.read(token.kind)
        }
        return aliases
    }

    /// Where the document, with every alias expanded, first holds more than `limit` values; nil when it
    /// stays under. `parser` must be the one that composed `root`: it keeps the anchors alive (Yams' nodes
    /// hold them weakly), and a node carrying an anchor already met is where an alias was expanded.
    /// `aliases` (from `aliases(in:)`) put the excess at the alias that crossed the limit rather than at
    /// the anchor it repeats.
    static func excess(in root: Node, composedBy parser: Parser, aliases: [Alias]) -> Position? {
        withExtendedLifetime(parser) {
            var walk = ExpansionWalk(aliases: aliases.map(\.position))
            return walk.visit(root) ? nil : walk.crossing
        }
    }

    /// Which open collections are, at this point of the token list, reading a key. A key begins at a
    /// KEY token (written `?`, or put back by the scanner before a simple key), at the start of each
    /// entry of a flow mapping (`{a}` is a key without a value), and ends at the `:` of its entry, at
    /// `,` in a flow sequence, or with its collection. An alias is in a key when any collection around
    /// it is: `? [*a]` hashes the list, and the list hashes the alias.
    private struct KeyTracker {
        private enum Collection { case block, flowMapping, flowSequence }
        private var open: [(collection: Collection, inKey: Bool)] = []
        /// How many of `open` are reading a key, so asking costs nothing however deep the nesting.
        private var readingKeys = 0

        var isInKey: Bool { readingKeys > 0 }

        mutating func read(_ kind: YAMLTokenScanner.Kind) {
            switch kind {
            case .blockSequenceStart, .blockMappingStart: push(.block, inKey: false)
            case .flowSequenceStart: push(.flowSequence, inKey: false)
            case .flowMappingStart: push(.flowMapping, inKey: true)
            case .blockEnd, .flowSequenceEnd, .flowMappingEnd:
                if let closed = open.popLast(), closed.inKey { readingKeys -= 1 }
            case .key: setInKey(true)
            case .value: setInKey(false)
            case .flowEntry: setInKey(open.last?.collection == .flowMapping)
            default: break
            }
        }

        private mutating func push(_ collection: Collection, inKey: Bool) {
            open.append((collection, inKey))
            if inKey { readingKeys += 1 }
        }

        private mutating func setInKey(_ inKey: Bool) {
            guard let last = open.indices.last, open[last].inKey != inKey else { return }
            open[last].inKey = inKey
            readingKeys += inKey ? 1 : -1
        }
    }

    /// Counts values depth-first, in the document's order, until the count passes the limit. Iterative:
    /// expanded aliases can nest as deep as the limit, far deeper than the call stack allows.
    private struct ExpansionWalk {
        let aliases: [Position]
        var count = 0
        var crossing: Position?
        /// Anchors whose own node has been walked: meeting one again means an alias was expanded there.
        private var anchorsMet: Set<ObjectIdentifier> = []
        private var aliasesMet = 0

        /// A collection being walked: its next child (for a mapping, keys and values alternate), and
        /// the alias it was expanded from, nil while walking the text as written.
        private struct Open {
            var collection: Node
            var next = 0
            var alias: Position?

            var nextChild: Node? {
                switch collection {
                // Indices, not `count`: a mapping is not a random-access collection, and counting it
                // at every step would make a wide mapping quadratic.
                case .sequence(let sequence):
                    let index = sequence.startIndex + next
                    return index < sequence.endIndex ? sequence[index] : nil
                case .mapping(let mapping):
                    let index = mapping.startIndex + next / 2
                    guard index < mapping.endIndex else { return nil }
                    let pair = mapping[index]
                    return next.isMultiple(of: 2) ? pair.key : pair.value
                case .scalar, .alias:
                    return nil
                }
            }
        }

        init(aliases: [Position]) {
            self.aliases = aliases
        }

        /// False once the limit is passed (and `crossing` says where).
        mutating func visit(_ root: Node) -> Bool {
            var open: [Open] = []
            var node = root
            var alias: Position?
            while true {
                if alias == nil, let anchor = node.anchor,
                    !anchorsMet.insert(ObjectIdentifier(anchor)).inserted
                {
                    // Anchors precede their aliases, so this is the next alias of the text, expanded.
                    alias = aliases.indices.contains(aliasesMet) ? aliases[aliasesMet] : Self.position(of: node)
                    aliasesMet += 1
                }
                count += 1
                if count > AliasExpansion.limit {
                    crossing = alias ?? Self.position(of: node)
                    return false
                }
                switch node {
                case .sequence, .mapping: open.append(Open(collection: node, alias: alias))
                case .scalar, .alias: break
                }
                // The next node: the next child of the innermost collection that has one left.
                while let last = open.indices.last, open[last].nextChild == nil { open.removeLast() }
                guard let last = open.indices.last, let child = open[last].nextChild else { return true }
                open[last].next += 1
                node = child
                alias = open[last].alias
            }
        }

        private static func position(of node: Node) -> Position {
            node.mark.map { Position(line: $0.line, column: $0.column) } ?? .start
        }
    }
}
