import Yams

/// The role ids a workflow defines, for checking every place that names a role.
struct RoleCatalog {
    /// Nil when the `roles:` section could not be read: checking against it would flag every use.
    let ids: [String]?

    /// `notify:` may say `owner`, meaning whichever role owns the stage.
    static let ownerAlias = "owner"

    /// "; roles are: a, b" for hints, or nothing when the roles are unknown.
    var listing: String { ids.map { "; roles are: \(Hints.list($0))" } ?? "" }

    func check(_ reference: Located<String>, in what: String, log: DiagnosticLog, allowingOwner: Bool = false) {
        guard let ids, !ids.contains(reference.value) else { return }
        if allowingOwner, reference.value == Self.ownerAlias { return }
        let candidates = allowingOwner ? ids + [Self.ownerAlias] : ids
        let choices = allowingOwner
            ? "roles are: \(Hints.list(ids)), or owner for the stage's owner"
            : "roles are: \(Hints.list(ids))"
        log.error(
            "unknown role '\(reference.value)' in \(what) (\(Hints.didYouMean(reference.value, among: candidates))"
                + "\(choices))",
            at: reference.position)
    }

    /// A list of role ids read from `node`, each checked against the catalog; entries that are not
    /// text or are listed twice are reported and dropped, unknown roles are reported and kept.
    func list(
        _ node: Node?, _ what: String, example: String, nodes: NodeReader, allowingOwner: Bool = false
    ) -> [String] {
        guard let node, let words = nodes.words(node, what, hint: "write it like `\(example)`") else { return [] }
        for word in words {
            check(word, in: what, log: nodes.log, allowingOwner: allowingOwner)
        }
        return words.map(\.value)
    }
}
