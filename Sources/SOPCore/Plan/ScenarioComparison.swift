import Foundation

/// `scenario compare`: the submitted plans (the baseline) and each scenario in its input's place,
/// on the same KPIs, so the executives choose between figures computed one way.
public struct ScenarioComparison: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var scenario: Scenario
        /// The decision in force that promoted it, if any.
        public var promotedBy: Int?
        public var kpis: PlanKPIs

        public init(scenario: Scenario, promotedBy: Int?, kpis: PlanKPIs) {
            self.scenario = scenario
            self.promotedBy = promotedBy
            self.kpis = kpis
        }
    }

    public var cycle: CycleMonth
    public var baseline: PlanKPIs
    public var scenarios: [Entry]

    public init(cycle: CycleMonth, baseline: PlanKPIs, scenarios: [Entry]) {
        self.cycle = cycle
        self.baseline = baseline
        self.scenarios = scenarios
    }

    /// The scenarios named (all of the cycle's, oldest first, when none is), refused for a name the
    /// cycle lacks or a cycle with none.
    public static func choose(_ names: [String], from scenarios: [Scenario], cycle: String) throws(Refusal) -> [Scenario] {
        guard !scenarios.isEmpty else {
            throw Refusal(.noPlan, "cycle \(cycle) has no scenarios", fix: "add one with `scenario add NAME STAGE INPUT FILE`")
        }
        guard !names.isEmpty else { return scenarios }
        var chosen: [Scenario] = []
        for name in names {
            guard let found = scenarios.first(where: { $0.name == name }) else {
                throw Refusal(.badArgument, "cycle \(cycle) has no scenario '\(name)'", fix: "use \(scenarios.map(\.name).orList)")
            }
            if !chosen.contains(found) { chosen.append(found) }
        }
        return chosen
    }
}
