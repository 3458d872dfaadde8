@testable import WorkflowFile
import Yams

/// Holds `YAMLTokenScanner` to libyaml's reading of the same text, for the fuzz tests: the guard is
/// only as good as the scanner's agreement with libyaml on which aliases sit in keys, and thousands of
/// mutated files find disagreements no hand-written case thinks of.
enum AliasCrossCheck {
    enum Comparison: Equatable {
        /// Yams could not read the text (or the guard refused it and `alsoRefused` was not asked for).
        case notCompared
        /// Yams read it, and found the aliases the scanner found, `inKeys` of them in keys.
        case agreed(inKeys: Int)
        case disagreed(String)
    }

    /// Nil when the scanner and Yams agree about `yaml`'s aliases (or when Yams cannot read it);
    /// otherwise what they disagree on.
    static func disagreement(in yaml: String, alsoRefused: Bool = false) -> String? {
        guard case .disagreed(let what) = compare(yaml, alsoRefused: alsoRefused) else { return nil }
        return what
    }

    /// Composing is safe on text the guard let through, which is the claim being checked; `alsoRefused`
    /// composes what it refused too, to find aliases it took for keys wrongly, and is only for files
    /// whose anchors are known to be small.
    static func compare(_ yaml: String, alsoRefused: Bool = false) -> Comparison {
        let aliases = AliasExpansion.aliases(in: yaml)
        let inKeys = aliases.filter(\.inKey).count
        guard inKeys == 0 || alsoRefused else { return .notCompared }
        guard let parser = try? Parser(yaml: yaml), let root = try? parser.singleRoot() else { return .notCompared }
        return withExtendedLifetime(parser) {
            var survey = Survey()
            survey.walk(root, inKey: false)
            if survey.aliasesInKeys != inKeys {
                return .disagreed("Yams composed \(survey.aliasesInKeys) alias(es) inside mapping keys, the scanner saw \(inKeys)")
            }
            if survey.aliases != aliases.count {
                return .disagreed("Yams expanded \(survey.aliases) alias(es), the scanner found \(aliases.count): "
                    + "\(aliases.map { "*\($0.name)@\($0.position.line):\($0.position.column)" })")
            }
            return .agreed(inKeys: inKeys)
        }
    }

    /// The document as written (never inside an expansion, so it stays as small as the file): how many
    /// aliases Yams expanded, and how many of them inside a key. Recursive: libyaml refuses to nest more
    /// than 1000 levels, and expansions are not entered.
    private struct Survey {
        var aliases = 0
        var aliasesInKeys = 0
        private var anchorsMet: Set<ObjectIdentifier> = []

        mutating func walk(_ node: Node, inKey: Bool) {
            if let anchor = node.anchor, !anchorsMet.insert(ObjectIdentifier(anchor)).inserted {
                aliases += 1
                if inKey { aliasesInKeys += 1 }
                return
            }
            switch node {
            case .sequence(let sequence):
                for element in sequence { walk(element, inKey: inKey) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    walk(key, inKey: true)
                    walk(value, inKey: inKey)
                }
            case .scalar, .alias:
                break
            }
        }
    }
}
