import Foundation

/// Whether the agenda has plan figures to answer from, and if so which. An old workflow declares no
/// plan inputs (its agenda is what it always was); a workflow that does may not have its demand plan
/// yet (no horizon, so no balance).
public enum AgendaPlanState: Sendable, Equatable {
    case noPlanInputs
    case noDemandPlan
    case figures(AgendaPlan)

    public var figures: AgendaPlan? {
        if case .figures(let plan) = self { return plan }
        return nil
    }
}

/// The plan figures the agenda reads, each one the value `balance`, `plan diff`, `accuracy` and
/// `scenario compare` show; the groupings and sums below are made here, once, from those values,
/// so no renderer adds anything up.
public struct AgendaPlan: Sendable, Equatable {
    /// The cycle's balance (exceptions included).
    public var balance: Balance
    /// Against the previous cycle's plan of record; nil when there is no earlier plan to compare with.
    public var diff: PlanDiff?
    /// Lag-1 over the last twelve target months.
    public var accuracy: ForecastAccuracy
    /// One per open proposal whose options name scenarios, in proposal order.
    public var comparisons: [ProposalComparison]

    /// 3. Per family: last month's actual against its lag-1 forecast, and the window's accuracy.
    public var lastMonth: LastMonthAccuracy
    /// 4. Revenue against budget per family over the horizon.
    public var finance: FinanceSummary
    /// 5. The balance's exceptions, one group per kind and family or resource.
    public var exceptions: [ExceptionGroup]
    /// 9. The horizon's last months against the budget.
    public var longTerm: LongTermPlan

    /// How many of the horizon's last months the long-term section looks at: the last quarter.
    public static let longTermMonths = 3

    public init(balance: Balance, diff: PlanDiff?, accuracy: ForecastAccuracy, comparisons: [ProposalComparison]) {
        self.balance = balance
        self.diff = diff
        self.accuracy = accuracy
        self.comparisons = comparisons
        lastMonth = LastMonthAccuracy(accuracy, month: balance.cycle.previous)
        finance = FinanceSummary(balance.families, months: balance.horizon)
        exceptions = ExceptionGroup.groups(balance.exceptions)
        longTerm = LongTermPlan(balance, months: Self.longTermMonths)
    }
}

/// The scenario comparison put under an open proposal whose options are scenarios.
public struct ProposalComparison: Sendable, Equatable {
    /// `P-3`.
    public var proposal: String
    public var comparison: ScenarioComparison

    public init(proposal: String, comparison: ScenarioComparison) {
        self.proposal = proposal
        self.comparison = comparison
    }
}

/// Last month's actual against the forecast made for it a month before (lag 1), per family, with
/// each family's accuracy over the window.
public struct LastMonthAccuracy: Sendable, Equatable {
    public struct Family: Sendable, Equatable {
        public var family: String
        /// The lag-1 pair for `month`; nil when that month has no forecast or no actual yet.
        public var point: AccuracyPoint?
        /// F − A of that pair (positive: over-forecast).
        public var error: Decimal?
        /// Over the accuracy window.
        public var figures: AccuracyFigures
    }

    /// The month before the cycle's.
    public var month: CycleMonth
    public var families: [Family]
    public var total: AccuracyFigures

    init(_ accuracy: ForecastAccuracy, month: CycleMonth) {
        self.month = month
        families = accuracy.families.map { f in
            let point = f.points.first { $0.month == month }
            return Family(family: f.family, point: point, error: point.map { $0.forecast - $0.actual }, figures: f.figures)
        }
        total = accuracy.total
    }
}

/// Revenue and budget summed over the months that have both, and the deviation
/// (revenue − budget) / budget of those sums.
public struct FinanceFigures: Sendable, Equatable {
    /// Months with both a revenue and a budget.
    public var months: Int
    public var revenue: Decimal
    public var budget: Decimal
    /// nil when no month has both or the budget sums to 0.
    public var deviation: Double?

    init(_ months: [FamilyMonth]) {
        var count = 0
        var revenue: Decimal = 0, budget: Decimal = 0
        for m in months {
            guard let r = m.revenue, let b = m.budget else { continue }
            count += 1
            revenue += r
            budget += b
        }
        self.init(months: count, revenue: revenue, budget: budget)
    }

    init(months: Int, revenue: Decimal, budget: Decimal) {
        self.months = months
        self.revenue = revenue
        self.budget = budget
        deviation = months > 0 && budget != 0 ? ((revenue - budget) / budget).ratioValue : nil
    }

    static func sum(_ all: [FinanceFigures]) -> FinanceFigures {
        FinanceFigures(
            months: all.map(\.months).max() ?? 0, revenue: all.reduce(0) { $0 + $1.revenue },
            budget: all.reduce(0) { $0 + $1.budget })
    }
}

/// 4. Revenue against budget per family over the horizon.
public struct FinanceSummary: Sendable, Equatable {
    public struct Family: Sendable, Equatable {
        public var family: String
        public var figures: FinanceFigures
    }

    /// The families with at least one month holding both a revenue and a budget.
    public var families: [Family]
    /// Their sums (months: the most any family has).
    public var total: FinanceFigures
    /// Whether any horizon month has a revenue (a finance plan) / a budget.
    public var hasRevenue: Bool
    public var hasBudget: Bool

    init(_ families: [FamilyBalance], months: [CycleMonth]) {
        let chosen = Set(months)
        let rows = families.map { f in Family(family: f.family, figures: FinanceFigures(f.months.filter { chosen.contains($0.month) })) }
            .filter { $0.figures.months > 0 }
        self.families = rows
        total = FinanceFigures.sum(rows.map(\.figures))
        hasRevenue = families.contains { $0.months.contains { $0.revenue != nil } }
        hasBudget = families.contains { $0.months.contains { $0.budget != nil } }
    }
}

/// 9. The last months of the horizon: what the plan ends on, and its money against the budget.
public struct LongTermPlan: Sendable, Equatable {
    public struct Family: Sendable, Equatable {
        public var family: String
        /// Σ demand over those months.
        public var demand: Decimal
        /// Σ supply; nil without a supply plan.
        public var supply: Decimal?
        /// PI at the horizon's end.
        public var endingInventory: Decimal
        public var finance: FinanceFigures
    }

    /// The last months of the horizon, oldest first (fewer when the horizon is shorter).
    public var months: [CycleMonth]
    public var families: [Family]
    public var total: FinanceFigures

    init(_ balance: Balance, months count: Int) {
        let tail = Array(balance.horizon.suffix(count))
        months = tail
        let chosen = Set(tail)
        families = balance.families.map { f in
            let ms = f.months.filter { chosen.contains($0.month) }
            let supplied = ms.contains { $0.supply != nil } ? ms.reduce(Decimal(0)) { $0 + ($1.supply ?? 0) } : nil
            return Family(
                family: f.family, demand: ms.reduce(0) { $0 + $1.demand }, supply: supplied,
                endingInventory: f.months.last?.inventory ?? f.openingInventory, finance: FinanceFigures(ms))
        }
        total = FinanceFigures.sum(families.map(\.finance).filter { $0.months > 0 })
    }
}

extension Workflow {
    /// Whether any input carries `plan: KIND`: the agenda then answers from figures.
    public var declaresPlanInputs: Bool { stages.contains { $0.inputs.contains { $0.plan != nil } } }
}
