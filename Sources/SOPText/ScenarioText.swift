import Foundation
import SOPCore

/// `scenario list` and `scenario compare` on the terminal and as JSON.
public enum ScenarioText {
    public struct ListJSON: Encodable, Sendable {
        var cycle: String
        var scenarios: [Entry]

        struct Entry: Encodable, Sendable {
            var name: String
            var stage: String
            var input: String
            var by: String
            var at: Date
            var file: String
            @Nullable var promotedBy: String?
        }
    }

    public static func list(_ cycle: CycleMonth, _ scenarios: [(Scenario, promotedBy: Int?)], width: Int?) -> Reply {
        let json = ListJSON(cycle: cycle.description, scenarios: scenarios.map { s, by in
            ListJSON.Entry(
                name: s.name, stage: s.stage, input: s.input, by: s.by, at: s.at, file: fileName(s.content),
                promotedBy: by.map(FollowUpKind.decision.label))
        })
        guard !scenarios.isEmpty else {
            return Reply("No scenarios in cycle \(cycle); add one with `scenario add NAME STAGE INPUT FILE`.", json: json)
        }
        var table = TextTable(["SCENARIO", "STAGE", "INPUT", "BY", "AT (UTC)", "FILE", "PROMOTED"], width: width)
        for (s, by) in scenarios {
            table.add([s.name, s.stage, s.input, s.by, Stamp.minute(s.at), fileName(s.content), by.map { "by \(FollowUpKind.decision.label($0))" } ?? "-"])
        }
        return Reply("Scenarios of cycle \(cycle):\n" + table.rendered, json: json)
    }

    public static func compare(_ c: ScenarioComparison, width: Int) -> Reply {
        let json = ScenarioCompareJSON(baseline: c.baseline, scenarios: c.scenarios.map {
            ScenarioCompareJSON.Scenario(
                name: $0.scenario.name, stage: $0.scenario.stage, input: $0.scenario.input,
                promotedBy: $0.promotedBy.map(FollowUpKind.decision.label), kpis: $0.kpis)
        })
        let plans: [(String, PlanKPIs)] = [("baseline", c.baseline)] + c.scenarios.map {
            ($0.scenario.name + ($0.promotedBy.map { " (\(FollowUpKind.decision.label($0)))" } ?? ""), $0.kpis)
        }
        var lines = ["Scenarios of cycle \(c.cycle) against the submitted plans (baseline), over the horizon:"]
        var table = TextTable(["FIGURE"] + plans.map(\.0), width: width)
        let rows: [(String, (KPIFigures) -> String)] = [
            ("Demand", { PlanNumbers.quantity($0.demand) }),
            ("Supply", { PlanNumbers.quantity($0.supply) }),
            ("Largest shortage", { PlanNumbers.quantity($0.shortage) }),
            ("Months short", { "\($0.monthsShort)" }),
            ("Ending inventory", { PlanNumbers.quantity($0.endingInventory) }),
            ("Revenue", { PlanNumbers.quantity($0.revenue) }),
        ]
        for (name, value) in rows { table.add([name] + plans.map { value($0.1.total) }) }
        lines.append(table.rendered)
        // Per family, the figure that decides most choices: how short each plan leaves it.
        let families = c.baseline.families.map(\.family)
        if families.count > 1 {
            lines.append("")
            var short = TextTable(["SHORTAGE BY FAMILY"] + plans.map(\.0), width: width)
            for family in families {
                short.add([family] + plans.map { plan in
                    plan.1.families.first { $0.family == family }.map { "\(PlanNumbers.quantity($0.figures.shortage)) (\($0.figures.monthsShort) mo)" } ?? "-"
                })
            }
            lines.append(short.rendered)
        }
        return Reply(lines.joined(separator: "\n"), json: json)
    }

    private static func fileName(_ content: SubmittedContent) -> String {
        if case .file(let name, _, _) = content { return name }
        return content.summary
    }
}
