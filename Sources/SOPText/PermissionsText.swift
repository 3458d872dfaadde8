import Foundation
import SOPApp
import SOPCore
import SOPStore

/// `help permissions`: SOPCore's permission matrix as a terminal table (short headers and a legend,
/// so it fits 80 columns) or as the README's Markdown table.
public enum PermissionsText {
    static let legend: [(Standing, short: String, meaning: String)] = [
        (.leader, "LEAD", "holds the `leader` role"),
        (.sponsor, "SPON", "holds the `sponsor` role"),
        (.decider, "DECI", "holds a role the workflow lists under `deciders:`"),
        (.stageOwner, "OWNR", "holds the `owner:` role of the stage acted on"),
        (.contributor, "CONT", "holds one of that stage's `contributors:` roles"),
        (.stageSignoff, "SIGN", "holds one of that stage's `signoffs:` roles"),
        (.proposer, "PROP", "holds a `proposers:` role (by default the sign-off roles of the stages the `requires: [decisions]` stage comes after)"),
        (.actionOwner, "ACTN", "owns the follow-up action acted on"),
        (.participant, "ANY", "anyone on the team"),
    ]

    static let readOnlyNote = "Every other command only reads (status, why, log, proposals, decisions, actions, agenda, team, ...): anyone may run it, "
        + "except `log --refused` (the access log of refused attempts), which only the leader and the sponsor may read."

    public static func text() -> String {
        var table = TextTable(["COMMAND"] + legend.map(\.short))
        for (command, allowed) in Permissions.matrix {
            table.add([command.rawValue] + legend.map { allowed.contains($0.0) ? "yes" : "-" })
        }
        let key = legend.map { "  \($0.short.padding(toLength: 5, withPad: " ", startingAt: 0)) \($0.0.rawValue): \($0.meaning)" }
        return (["Who may run each command that changes the record (one matching column is enough):", table.rendered, "Columns:"] + key + [readOnlyNote])
            .joined(separator: "\n")
    }

    public static func markdown() -> String {
        var lines = ["| Command | " + legend.map { $0.0.rawValue }.joined(separator: " | ") + " |"]
        lines.append("|---|" + String(repeating: ":-:|", count: legend.count))
        for (command, allowed) in Permissions.matrix {
            lines.append("| `\(command.rawValue)` | " + legend.map { allowed.contains($0.0) ? "✓" : "—" }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines += legend.map { "- **\($0.0.rawValue)**: \($0.meaning)" }
        lines.append("")
        lines.append(readOnlyNote)
        return lines.joined(separator: "\n")
    }
}
