import Foundation

/// One changed figure between two cycles' plans: a family's demand or supply in one month.
public struct PlanChange: Sendable, Equatable {
    /// `.demand` or `.supply`.
    public var kind: PlanKind
    public var family: String
    public var month: CycleMonth
    /// nil when the family is not in the earlier plan for that month.
    public var before: Decimal?
    /// nil when the family is not in this cycle's plan for that month.
    public var after: Decimal?
    /// after − before; nil when either is.
    public var delta: Decimal? { before.flatMap { b in after.map { $0 - b } } }
}

/// `plan diff`: this cycle's demand and supply plans against an earlier cycle's, over the months
/// both plans hold.
public struct PlanDiff: Sendable, Equatable {
    public var cycle: CycleMonth
    public var against: CycleMonth
    /// Largest |delta| first; changes with no delta (a family in one plan only) after them; ties by
    /// kind (demand first), family, then month.
    public var changes: [PlanChange]

    public init(cycle: CycleMonth, against: CycleMonth, now: (demand: PlanTable?, supply: PlanTable?), before: (demand: PlanTable?, supply: PlanTable?)) {
        self.cycle = cycle
        self.against = against
        var changes = Self.changes(.demand, now.demand, before.demand)
        changes += Self.changes(.supply, now.supply, before.supply)
        // Each change's |delta| worked out once, not in every comparison of the sort (a Decimal
        // subtraction each time was most of `plan diff`'s own time on 1,800 changes).
        self.changes = changes.map { (change: $0, size: $0.delta.map(abs)) }
            .sorted { Self.order($0.change, $0.size, $1.change, $1.size) }
            .map(\.change)
    }

    static func changes(_ kind: PlanKind, _ now: PlanTable?, _ earlier: PlanTable?) -> [PlanChange] {
        let after = FamilyMonthValues(now, column: .quantity)
        let before = FamilyMonthValues(earlier, column: .quantity)
        let months = after.months.intersection(before.months).sorted()
        let families = after.families.union(before.families).sorted()
        var changes: [PlanChange] = []
        for family in families {
            for month in months {
                let b = before.value(family, month), a = after.value(family, month)
                guard a != b else { continue }
                changes.append(PlanChange(kind: kind, family: family, month: month, before: b, after: a))
            }
        }
        return changes
    }

    /// `order` with each change's |delta| (`size`) given.
    static func order(_ x: PlanChange, _ sx: Decimal?, _ y: PlanChange, _ sy: Decimal?) -> Bool {
        switch (sx, sy) {
        case (let dx?, let dy?) where dx != dy: return dx > dy
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if x.kind != y.kind { return x.kind == .demand }
        if x.family != y.family { return x.family < y.family }
        return x.month < y.month
    }
}

/// A cycle as `plan diff` chooses what to compare with: its month, whether it was cancelled, and
/// whether it has a demand or supply plan of record.
public struct DiffCandidate: Sendable, Equatable {
    public var month: CycleMonth
    public var cancelled: Bool
    public var hasPlan: Bool

    public init(month: CycleMonth, cancelled: Bool = false, hasPlan: Bool) {
        self.month = month
        self.cancelled = cancelled
        self.hasPlan = hasPlan
    }
}

extension PlanDiff {
    /// The cycle `plan diff` compares `cycle` with: `explicit` (`--against`) when given, else the
    /// most recent earlier cycle that is not cancelled. Refused when that cycle does not exist, is
    /// cancelled, is not earlier, or has neither a demand nor a supply plan.
    public static func against(_ cycle: CycleMonth, among cycles: [DiffCandidate], explicit: CycleMonth? = nil) throws(Refusal) -> CycleMonth {
        let earlier = cycles.filter { $0.month < cycle && !$0.cancelled }.sorted { $0.month > $1.month }
        let withPlan = earlier.first { $0.hasPlan }.map { "--against \($0.month)" }
        guard let month = explicit else {
            guard let previous = earlier.first else {
                throw Refusal(.unknownCycle, "cycle \(cycle) has no earlier cycle to compare with", fix: "plan diff needs a cycle before \(cycle) that was not cancelled")
            }
            guard previous.hasPlan else {
                throw Refusal(
                    .noPlan, "cycle \(previous.month), the one before \(cycle), has no demand or supply plan to compare with",
                    fix: withPlan.map { "compare with an earlier cycle: \($0)" } ?? "submit its demand or supply plan first")
            }
            return previous.month
        }
        guard month < cycle else {
            throw Refusal(.badArgument, "--against \(month) is not before cycle \(cycle)", fix: "name an earlier cycle, e.g. \(withPlan ?? "--against \(cycle.previous)")")
        }
        guard let chosen = cycles.first(where: { $0.month == month }) else {
            throw Refusal(.unknownCycle, "there is no cycle \(month) to compare with", fix: withPlan.map { "name a cycle that exists, e.g. \($0)" } ?? "open and plan that cycle first")
        }
        guard !chosen.cancelled else {
            throw Refusal(.cycleCancelled, "cycle \(month) was cancelled: its plans count in no figure", fix: withPlan.map { "compare with a cycle that ran, e.g. \($0)" } ?? "compare with a cycle that was not cancelled")
        }
        guard chosen.hasPlan else {
            throw Refusal(.noPlan, "cycle \(month) has no demand or supply plan to compare with", fix: withPlan.map { "compare with a cycle that has one, e.g. \($0)" } ?? "submit its demand or supply plan first")
        }
        return month
    }
}
