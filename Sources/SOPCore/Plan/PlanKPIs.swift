import Foundation

/// The figures a scenario comparison puts side by side, read off a `Balance` so a scenario's KPIs
/// and its balance can never disagree.
public struct PlanKPIs: Sendable, Equatable {
    public var families: [FamilyKPIs]
    /// Sums over the families (monthsShort counts family-months).
    public var total: KPIFigures

    public init(_ balance: Balance) {
        families = balance.families.map { FamilyKPIs(family: $0.family, figures: KPIFigures($0)) }
        var total = KPIFigures(demand: 0, supply: 0, shortage: 0, endingInventory: 0, monthsShort: 0, revenue: nil)
        for family in families {
            total.demand += family.figures.demand
            total.supply += family.figures.supply
            total.shortage += family.figures.shortage
            total.endingInventory += family.figures.endingInventory
            total.monthsShort += family.figures.monthsShort
            if let revenue = family.figures.revenue { total.revenue = (total.revenue ?? 0) + revenue }
        }
        self.total = total
    }
}

public struct FamilyKPIs: Sendable, Equatable {
    public var family: String
    public var figures: KPIFigures
}

public struct KPIFigures: Sendable, Equatable {
    /// Σ demand over the horizon.
    public var demand: Decimal
    /// Σ supply over the horizon (0 without a supply plan).
    public var supply: Decimal
    /// The largest −PI over the horizon, 0 if PI never goes below zero.
    public var shortage: Decimal
    /// PI of the horizon's last month (the opening inventory when the horizon is empty).
    public var endingInventory: Decimal
    /// Months with PI < 0.
    public var monthsShort: Int
    /// Σ finance revenue over the horizon; nil when no month has one.
    public var revenue: Decimal?

    init(demand: Decimal, supply: Decimal, shortage: Decimal, endingInventory: Decimal, monthsShort: Int, revenue: Decimal?) {
        self.demand = demand
        self.supply = supply
        self.shortage = shortage
        self.endingInventory = endingInventory
        self.monthsShort = monthsShort
        self.revenue = revenue
    }

    init(_ family: FamilyBalance) {
        demand = family.months.reduce(0) { $0 + $1.demand }
        supply = family.months.reduce(0) { $0 + ($1.supply ?? 0) }
        shortage = family.months.reduce(0) { Swift.max($0, -$1.inventory) }
        endingInventory = family.months.last?.inventory ?? family.openingInventory
        monthsShort = family.months.filter { $0.inventory < 0 }.count
        revenue = family.months.reduce(nil) { sum, m in m.revenue.map { (sum ?? 0) + $0 } ?? sum }
    }
}
