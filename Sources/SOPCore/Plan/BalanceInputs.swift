import Foundation

/// The plans of record of one cycle that the balance reads: demand is what makes a horizon; the
/// other kinds, when the workflow has them and they were submitted, add their rows.
public struct BalanceInputs: Sendable, Equatable {
    public var demand: PlanTable
    public var supply: PlanTable?
    public var inventory: PlanTable?
    public var capacity: PlanTable?
    public var finance: PlanTable?
    public var budget: PlanTable?

    public init(
        demand: PlanTable, supply: PlanTable? = nil, inventory: PlanTable? = nil, capacity: PlanTable? = nil,
        finance: PlanTable? = nil, budget: PlanTable? = nil
    ) {
        self.demand = demand
        self.supply = supply
        self.inventory = inventory
        self.capacity = capacity
        self.finance = finance
        self.budget = budget
    }
}
