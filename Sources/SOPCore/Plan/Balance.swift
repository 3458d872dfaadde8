import Foundation

/// The supply-demand balance of a cycle: per family and month over the horizon, per resource and
/// month, and the exceptions the meeting must see. Computed once here (DESIGN "Plan figures");
/// the balance view, the scenario KPIs and the agenda all read this one value.
public struct Balance: Sendable, Equatable {
    public var cycle: CycleMonth
    /// The months of the demand plan from the cycle's month on, without holes.
    public var horizon: [CycleMonth]
    /// One per family, by name.
    public var families: [FamilyBalance]
    /// One per resource of the capacity plan, by name.
    public var resources: [ResourceBalance]
    /// In `PlanException.order`: by kind (as `PlanExceptionKind` lists them), then family or
    /// resource, then month.
    public var exceptions: [PlanException]
}

public struct FamilyBalance: Sendable, Equatable {
    public var family: String
    /// On hand at the start of the cycle's month (0 without an inventory row).
    public var openingInventory: Decimal
    public var safetyStock: Decimal?
    /// One per horizon month, in order.
    public var months: [FamilyMonth]
}

public struct FamilyMonth: Sendable, Equatable {
    public var month: CycleMonth
    /// 0 for a horizon month the demand plan has no row for this family.
    public var demand: Decimal
    /// nil when the cycle has no supply plan of record; 0 for a month the supply plan leaves out.
    public var supply: Decimal?
    /// demand − supply (positive: short); nil without a supply plan.
    public var gap: Decimal?
    /// Projected inventory PI(m), never clamped.
    public var inventory: Decimal
    /// Months of future demand PI covers; 0 when PI ≤ 0; nil when the horizon ends before PI is used up.
    public var cover: Double?
    /// The finance plan's revenue for the month, if it has one.
    public var revenue: Decimal?
    /// The budget's revenue for the month, if it has one.
    public var budget: Decimal?
    /// (revenue − budget) / budget; nil without both or when the budget is 0.
    public var deviation: Double?
}

public struct ResourceBalance: Sendable, Equatable {
    public var resource: String
    public var months: [ResourceMonth]
}

public struct ResourceMonth: Sendable, Equatable {
    public var month: CycleMonth
    public var available: Decimal
    public var required: Decimal
    /// required / available; nil when nothing is available (no ratio to speak of).
    public var utilisation: Double?
}

extension Balance {
    /// The balance of `cycle` from its plans of record. `forecastError` is each family's lag-1
    /// WMAPE over the accuracy window (`ForecastAccuracy.lagOneWMAPE`), for the `forecast-error`
    /// exception; leave it empty when the cycle has no history.
    public init(
        cycle: CycleMonth, plans: BalanceInputs, thresholds: ExceptionThresholds = .defaults,
        forecastError: [String: Double] = [:]
    ) {
        let demand = FamilyMonthValues(plans.demand, column: .quantity)
        let supply = plans.supply.map { FamilyMonthValues($0, column: .quantity) }
        let finance = plans.finance.map { FamilyMonthValues($0, column: .revenue) }
        let budget = plans.budget.map { FamilyMonthValues($0, column: .revenue) }
        var opening: [String: Decimal] = [:]
        var safety: [String: Decimal] = [:]
        for row in plans.inventory?.rows ?? [] {
            guard let family = row.family else { continue }
            opening[family] = row[.quantity] ?? 0
            safety[family] = row[.safetyStock]
        }

        let ahead = demand.months.filter { $0 >= cycle }
        let horizon = ahead.min().flatMap { first in ahead.max().map { first.through($0) } } ?? []

        let names = demand.families.union(supply?.families ?? []).union(opening.keys).sorted()
        let families = names.map { family in
            Self.family(
                family, horizon: horizon, opening: opening[family] ?? 0, safetyStock: safety[family],
                demand: demand, supply: supply, finance: finance, budget: budget)
        }
        let resources = Self.resources(plans.capacity, from: cycle)
        self.init(
            cycle: cycle, horizon: horizon, families: families, resources: resources,
            exceptions: PlanException.found(families: families, resources: resources, thresholds: thresholds, forecastError: forecastError))
    }

    static func family(
        _ family: String, horizon: [CycleMonth], opening: Decimal, safetyStock: Decimal?,
        demand: FamilyMonthValues, supply: FamilyMonthValues?, finance: FamilyMonthValues?, budget: FamilyMonthValues?
    ) -> FamilyBalance {
        let demands = horizon.map { demand.value(family, $0) ?? 0 }
        var inventory = opening
        var months: [FamilyMonth] = []
        for (i, month) in horizon.enumerated() {
            let supplied = supply.map { $0.value(family, month) ?? 0 }
            inventory += (supplied ?? 0) - demands[i]
            let revenue = finance?.value(family, month)
            let budgeted = budget?.value(family, month)
            var deviation: Double?
            if let revenue, let budgeted, budgeted != 0 { deviation = ((revenue - budgeted) / budgeted).ratioValue }
            months.append(
                FamilyMonth(
                    month: month, demand: demands[i], supply: supplied, gap: supplied.map { demands[i] - $0 },
                    inventory: inventory, cover: cover(inventory, after: i, demands: demands),
                    revenue: revenue, budget: budgeted, deviation: deviation))
        }
        return FamilyBalance(family: family, openingInventory: opening, safetyStock: safetyStock, months: months)
    }

    /// The pinned cover: the largest whole k with demand(m+1)+…+demand(m+k) ≤ PI, plus the fraction
    /// of the next month's demand the rest meets. A walk forward from month i; the horizon is a few
    /// dozen months at most, so per family this stays small.
    static func cover(_ inventory: Decimal, after i: Int, demands: [Decimal]) -> Double? {
        guard inventory > 0 else { return 0 }
        var used: Decimal = 0
        var whole = 0
        for next in demands.dropFirst(i + 1) {
            if used + next > inventory {
                // next > inventory − used ≥ 0, so the division is by a positive demand.
                return Double(whole) + ((inventory - used) / next).ratioValue
            }
            used += next
            whole += 1
        }
        // Exactly used up on the horizon's last month is a whole cover; anything left is beyond it.
        return used == inventory ? Double(whole) : nil
    }

    static func resources(_ capacity: PlanTable?, from cycle: CycleMonth) -> [ResourceBalance] {
        var byResource: [String: [ResourceMonth]] = [:]
        for row in capacity?.rows ?? [] {
            guard let resource = row.resource, let month = row.month, month >= cycle else { continue }
            let available = row[.available] ?? 0
            let required = row[.required] ?? 0
            let utilisation = available == 0 ? nil : (required / available).ratioValue
            byResource[resource, default: []].append(ResourceMonth(month: month, available: available, required: required, utilisation: utilisation))
        }
        return byResource.keys.sorted().map { ResourceBalance(resource: $0, months: (byResource[$0] ?? []).sorted { $0.month < $1.month }) }
    }
}
