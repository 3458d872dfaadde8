import SOPCore
import Yams

/// Reads an escalation ladder: a stage's `escalation:`, or the workflow's `signoff-escalation:` and
/// `action-escalation:`. Each step is `{ after: N, notify: [ROLE, ...] }`; a single step may be written
/// without the list.
struct LadderReader {
    let nodes: NodeReader
    let roles: RoleCatalog

    /// How messages name the ladder and its parts: "escalation of stage 'a'", "an escalation step of
    /// stage 'a'", "escalation steps of stage 'a'", "notify of stage 'a'".
    struct Names {
        var ladder: String
        var step: String
        var steps: String
        var notify: String

        static func stage(_ label: String) -> Names {
            Names(
                ladder: "escalation of \(label)", step: "an escalation step of \(label)",
                steps: "escalation steps of \(label)", notify: "notify of \(label)")
        }

        static func workflow(_ key: String) -> Names {
            Names(ladder: key, step: "a step of \(key)", steps: "steps of \(key)", notify: "notify of \(key)")
        }
    }

    /// `counting` says what `after` counts ("workdays past due"); `aliases` are the words besides
    /// role ids that `notify:` accepts here.
    func read(
        _ node: Node, names: Names, counting: String, aliases: KeyValuePairs<String, String>
    ) -> [EscalationStep] {
        let hint = "write each step like `- { after: 1, notify: [\(aliases.first?.key ?? "leader")] }`"
        let items: [Node]
        if case .mapping = node {
            items = [node]
        } else {
            guard let list = nodes.list(node, names.ladder, hint: hint) else { return [] }
            items = list
        }
        var steps: [EscalationStep] = []
        var previous: Int?
        for item in items {
            guard let fields = nodes.fields(item, of: names.step, allowed: ["after", "notify"], hint: hint) else { continue }
            var after: Int?
            if let node = nodes.require(
                "after", in: fields, "\(names.step) has no after (add `after: N`, the number of \(counting) when it fires)")
            {
                if let value = NodeReader.wholeNumber(node), value >= 1 {
                    if let previous, value <= previous {
                        log.error(
                            "\(names.steps) are out of order: after \(value) follows after \(previous) "
                                + "(make each step's `after` larger than the one before)",
                            at: node.position)
                    }
                    previous = max(previous ?? value, value)
                    after = value
                } else {
                    log.error(
                        "bad after \(NodeReader.written(node)) in \(names.ladder) "
                            + "(after is the number of \(counting): a whole number from 1 up)",
                        at: node.position)
                }
            }
            var notify: [String] = []
            let meanings = aliases.map { "`\($0.key)` means \($0.value)" }.joined(separator: ", ")
            if let node = nodes.require(
                "notify", in: fields,
                "\(names.step) has no notify (add `notify: [ROLE, ...]`\(meanings.isEmpty ? "" : "; \(meanings)"))")
            {
                notify = roles.list(
                    node, names.notify, example: "[\(aliases.first?.key ?? "leader"), leader]", nodes: nodes, aliases: aliases)
                if node.isEmptyList {
                    log.error(
                        "\(names.notify) is empty (name at least one role to tell, e.g. [\(aliases.first?.key ?? "leader")] or [leader])",
                        at: node.isNull ? fields.keyPosition("notify") : node.position)
                }
            }
            if let after, !notify.isEmpty {
                steps.append(EscalationStep(after: after, notify: notify))
            }
        }
        return steps
    }

    private var log: DiagnosticLog { nodes.log }
}
