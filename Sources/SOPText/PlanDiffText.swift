import Foundation
import SOPCore

/// `plan diff --json`: the pinned keys; `before`, `after` and `delta` are `null` for a family that
/// is in one plan only.
public struct PlanDiffJSON: Encodable, Sendable {
    var cycle: String
    var against: String
    var changes: [Change]

    struct Change: Encodable, Sendable {
        var kind: String
        var family: String
        var month: String
        @Nullable var before: Decimal?
        @Nullable var after: Decimal?
        @Nullable var delta: Decimal?
    }

    public init(_ diff: PlanDiff) {
        cycle = "\(diff.cycle)"
        against = "\(diff.against)"
        changes = diff.changes.map { Change(kind: $0.kind.rawValue, family: $0.family, month: "\($0.month)", before: $0.before, after: $0.after, delta: $0.delta) }
    }
}

/// `plan diff` on the terminal: one line per change, largest first.
public enum PlanDiffText {
    public static func render(_ diff: PlanDiff, width: Int = 100) -> String {
        guard !diff.changes.isEmpty else {
            return "Cycle \(diff.cycle)'s demand and supply plans are the same as \(diff.against)'s over the months both hold."
        }
        var table = TextTable(["KIND", "FAMILY", "MONTH", "BEFORE", "AFTER", "DELTA"], width: width)
        for c in diff.changes {
            let delta = c.delta.map(PlanNumbers.signed) ?? (c.before == nil ? "new" : "dropped")
            table.add([c.kind.rawValue, c.family, "\(c.month)", PlanNumbers.quantity(c.before), PlanNumbers.quantity(c.after), delta])
        }
        let head = "Cycle \(diff.cycle) against \(diff.against): \(diff.changes.count.counted("change")), largest first."
        return (TextWrap.lines(head, width: width) + [table.rendered]).joined(separator: "\n")
    }
}
