import Yams

/// The role ids a workflow defines, for checking every place that names a role.
struct RoleCatalog {
    /// Nil when the `roles:` section could not be read: checking against it would flag every use.
    let ids: [String]?

    /// "; roles are: a, b" for hints, or nothing when the roles are unknown.
    var listing: String { ids.map { "; roles are: \(Hints.list($0))" } ?? "" }

    /// `aliases` are the words besides role ids that this place accepts (`owner` in `notify:`), each with
    /// what it means for the hint.
    func check(_ reference: Located<String>, in what: String, log: DiagnosticLog, aliases: KeyValuePairs<String, String> = [:]) {
        guard let ids, !ids.contains(reference.value) else { return }
        if aliases.contains(where: { $0.key == reference.value }) { return }
        let candidates = ids + aliases.map(\.key)
        let choices = "roles are: \(Hints.list(ids))" + aliases.map { ", or \($0.key) for \($0.value)" }.joined()
        log.error(
            "unknown role '\(reference.value)' in \(what) (\(Hints.didYouMean(reference.value, among: candidates))"
                + "\(choices))",
            at: reference.position)
    }

    /// A list of role ids read from `node`, each checked against the catalog; entries that are not
    /// text or are listed twice are reported and dropped, unknown roles are reported and kept.
    func list(
        _ node: Node?, _ what: String, example: String, nodes: NodeReader, aliases: KeyValuePairs<String, String> = [:]
    ) -> [String] {
        guard let node, let words = nodes.words(node, what, hint: "write it like `\(example)`") else { return [] }
        for word in words {
            check(word, in: what, log: nodes.log, aliases: aliases)
        }
        return words.map(\.value)
    }
}
