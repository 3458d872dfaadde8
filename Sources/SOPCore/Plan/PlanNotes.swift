import Foundation

/// What a balance cannot show, said beside it rather than silently left out: plan inputs the
/// workflow declares that nothing stands for yet, and families another plan holds that the demand
/// plan lacks (their demand counts as 0, which a planner should know is an absence, not a figure).
public struct PlanNotes: Sendable, Equatable {
    public struct Missing: Sendable, Equatable {
        public var kind: PlanKind
        public var stage: String
        public var input: String
    }

    public var cycle: CycleMonth
    /// In the workflow's stage order.
    public var missing: [Missing]
    /// By name.
    public var familiesWithoutDemand: [String]

    public init(cycle: CycleMonth, workflow: Workflow, sources: [PlanKind: PlanSource], plans: BalanceInputs) {
        self.cycle = cycle
        missing = workflow.stages.flatMap { stage in
            stage.inputs.compactMap { input in
                input.plan.flatMap { sources[$0] == nil ? Missing(kind: $0, stage: stage.id, input: input.id) : nil }
            }
        }
        let demand = Set(plans.demand.rows.compactMap(\.family))
        let others = (plans.supply?.rows ?? []) + (plans.inventory?.rows ?? []) + (plans.finance?.rows ?? []) + (plans.budget?.rows ?? [])
        familiesWithoutDemand = Set(others.compactMap(\.family)).subtracting(demand).sorted()
    }
}
