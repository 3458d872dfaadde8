import Foundation
import SOPCore

/// DESIGN's KPIS object: per family and a total, read off the balance (`PlanKPIs`).
public struct ScenarioKPIsJSON: Encodable, Sendable {
    var families: [Family]
    var total: Figures

    struct Figures: Encodable, Sendable {
        var demand: Decimal
        var supply: Decimal
        var shortage: Decimal
        var endingInventory: Decimal
        var monthsShort: Int
        @Nullable var revenue: Decimal?

        init(_ f: KPIFigures) {
            demand = f.demand
            supply = f.supply
            shortage = f.shortage
            endingInventory = f.endingInventory
            monthsShort = f.monthsShort
            revenue = f.revenue
        }
    }

    struct Family: Encodable, Sendable {
        var family: String
        var figures: Figures
        enum CodingKeys: String, CodingKey { case family }
        // Flat, as DESIGN pins it: `{ "family", "demand", ... }`.
        func encode(to encoder: any Encoder) throws {
            try figures.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(family, forKey: .family)
        }
    }

    public init(_ kpis: PlanKPIs) {
        families = kpis.families.map { Family(family: $0.family, figures: Figures($0.figures)) }
        total = Figures(kpis.total)
    }
}

/// `scenario compare --json`: the baseline's KPIs and each scenario's.
public struct ScenarioCompareJSON: Encodable, Sendable {
    var baseline: ScenarioKPIsJSON
    var scenarios: [Scenario]

    public struct Scenario: Encodable, Sendable {
        var name: String
        var stage: String
        var input: String
        /// The decision that promoted it (`D-4`), if one did.
        @Nullable var promotedBy: String?
        var kpis: ScenarioKPIsJSON

        public init(name: String, stage: String, input: String, promotedBy: String?, kpis: PlanKPIs) {
            self.name = name
            self.stage = stage
            self.input = input
            self.promotedBy = promotedBy
            self.kpis = ScenarioKPIsJSON(kpis)
        }
    }

    public init(baseline: PlanKPIs, scenarios: [Scenario]) {
        self.baseline = ScenarioKPIsJSON(baseline)
        self.scenarios = scenarios
    }
}
