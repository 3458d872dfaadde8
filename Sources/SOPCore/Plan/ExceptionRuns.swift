import Foundation

/// Exceptions of one kind about one family or resource in consecutive months, read as one: a
/// shortage that lasts the rest of the horizon is one line in the balance and the agenda, not
/// seventeen. Each run keeps its worst month, so the line can say how bad it gets and when.
public struct ExceptionRun: Sendable, Equatable {
    public var kind: PlanExceptionKind
    public var family: String?
    public var resource: String?
    /// Consecutive months, oldest first (empty for forecast-error, which has no month).
    public var months: [CycleMonth]
    /// The exception of the run whose figure is furthest past the limit (the lowest inventory, the
    /// largest gap, the highest utilisation, the deepest shortfall against budget).
    public var worst: PlanException

    /// The exceptions in `PlanException.order`, runs formed where the month follows the last one's.
    public static func runs(_ exceptions: [PlanException]) -> [ExceptionRun] {
        var runs: [ExceptionRun] = []
        for e in exceptions {
            if var last = runs.last, last.kind == e.kind, last.family == e.family, last.resource == e.resource,
               let month = e.month, let previous = last.months.last, previous.next == month {
                last.months.append(month)
                if Self.isWorse(e, than: last.worst) { last.worst = e }
                runs[runs.count - 1] = last
            } else {
                runs.append(ExceptionRun(kind: e.kind, family: e.family, resource: e.resource, months: e.month.map { [$0] } ?? [], worst: e))
            }
        }
        return runs
    }

    static func isWorse(_ a: PlanException, than b: PlanException) -> Bool {
        switch (a.kind, a.value, b.value) {
        case (.shortage, .quantity(let x), .quantity(let y)), (.belowSafetyStock, .quantity(let x), .quantity(let y)): x < y
        case (.supplyGap, .quantity(let x), .quantity(let y)): x > y
        case (.overCapacity, .ratio(let x), .ratio(let y)): x > y
        case (.belowBudget, .ratio(let x), .ratio(let y)): x < y
        default: false
        }
    }
}

/// The exceptions of one kind about one family or resource, so twelve over-capacity months of one
/// line read as one line naming them.
public struct ExceptionGroup: Sendable, Equatable {
    public var kind: PlanExceptionKind
    public var family: String?
    public var resource: String?
    /// In order; empty for forecast-error (it is over the accuracy window).
    public var months: [CycleMonth]
    /// The worst figure of the group: the lowest inventory or deviation, the largest gap,
    /// utilisation or error.
    public var worst: PlanFigure
    /// The worst figure's month.
    public var worstMonth: CycleMonth?
    public var limit: PlanFigure?

    /// In the balance's exception order: kind, then family or resource. Made of the balance's
    /// runs (`ExceptionRun`), so a group's worst month is chosen by the same rule the balance uses.
    public static func groups(_ exceptions: [PlanException]) -> [ExceptionGroup] {
        var groups: [ExceptionGroup] = []
        var worst: [PlanException] = []
        for run in ExceptionRun.runs(exceptions) {
            if let i = groups.lastIndex(where: { $0.kind == run.kind && $0.family == run.family && $0.resource == run.resource }) {
                groups[i].months += run.months
                if ExceptionRun.isWorse(run.worst, than: worst[i]) {
                    worst[i] = run.worst
                    groups[i].worst = run.worst.value
                    groups[i].worstMonth = run.worst.month
                    groups[i].limit = run.worst.limit
                }
            } else {
                worst.append(run.worst)
                groups.append(ExceptionGroup(
                    kind: run.kind, family: run.family, resource: run.resource, months: run.months, worst: run.worst.value,
                    worstMonth: run.worst.month, limit: run.worst.limit))
            }
        }
        return groups
    }
}
