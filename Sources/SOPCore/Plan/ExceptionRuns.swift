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
