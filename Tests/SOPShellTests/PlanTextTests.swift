import Foundation
import SOPCore
import Testing
@testable import SOPText

/// The plan figures' renderers: the balance grid fits the terminal, and each `--json` has exactly
/// its keys, with `null` where a figure is unknown and numbers as the planner typed them.
@Suite struct PlanFiguresRenderForPlannersAndScripts {
    static func month(_ text: String) -> CycleMonth { CycleMonth(text) ?? CycleMonth(year: 1900, month: 1) }

    static func table(_ kind: PlanKind, _ column: PlanColumn, _ rows: [(String, String, Decimal)]) -> PlanTable {
        PlanTable(kind: kind, rows: rows.enumerated().map { i, r in PlanRow(line: i + 2, family: r.0, month: month(r.1), values: [column: r.2]) })
    }

    /// Three families over 18 months from 2026-11: outdoor (PI 2000, 990, -30, ...) below safety stock, then short.
    static var eighteenMonths: Balance {
        var months: [CycleMonth] = []
        var m = month("2026-11")
        for _ in 0..<18 {
            months.append(m)
            m = m.next
        }
        var demand: [(String, String, Decimal)] = []
        var supply: [(String, String, Decimal)] = []
        var finance: [(String, String, Decimal)] = []
        for family in ["outdoor", "indoor", "garden"] {
            for (i, month) in months.enumerated() {
                demand.append((family, "\(month)", 12000 + Decimal(i * 10)))
                supply.append((family, "\(month)", family == "outdoor" ? 11000 : 12500))
                finance.append((family, "\(month)", Decimal(string: "1180000.5") ?? 0))
            }
        }
        let inventory = PlanTable(
            kind: .inventory,
            rows: [
                PlanRow(line: 2, family: "outdoor", values: [.quantity: 3000, .safetyStock: 2500]),
                PlanRow(line: 3, family: "indoor", values: [.quantity: 300]),
            ])
        let capacity = PlanTable(
            kind: .capacity,
            rows: months.enumerated().map { i, m in
                PlanRow(line: i + 2, resource: "line-2", month: m, values: [.available: i == 3 ? 0 : 800, .required: i == 5 ? 900 : 760])
            })
        let plans = BalanceInputs(
            demand: table(.demand, .quantity, demand), supply: table(.supply, .quantity, supply), inventory: inventory, capacity: capacity,
            finance: table(.finance, .revenue, finance), budget: table(.budget, .revenue, [("outdoor", "2026-11", 1250000)]))
        return Balance(cycle: month("2026-11"), plans: plans, forecastError: ["garden": 0.52])
    }

    @Test func theBalanceGridFitsOneHundredColumnsWithEighteenMonths() {
        let text = BalanceText.render(Self.eighteenMonths, width: 100)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
        #expect(lines.filter { $0.hasPrefix("Demand ") }.count >= 6, "18 months do not fit one page of 100 columns: each family is paged")
        for label in ["Demand", "Supply", "Gap", "Proj. inventory", "Cover", "Revenue", "Utilisation"] {
            #expect(lines.contains { $0.hasPrefix(label + " ") }, "no \(label) row")
        }
        #expect(lines.contains { $0.hasPrefix("Budget ") }, "outdoor has a budget")
        #expect(text.contains("-30!"), "outdoor's negative PI is marked: \(text)")
        #expect(text.contains("2000*"), "below safety stock is marked")
        #expect(text.contains("n/a"), "utilisation with nothing available")
        #expect(text.contains("113%!"), "over capacity is marked")
        #expect(text.contains("! projected inventory below zero"))
        #expect(text.contains("Exceptions ("))
        // One line per kind and family, its months as ranges, with the worst month (text unwrapped here).
        let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flat.contains("- outdoor runs short in 2027-01 to 2028-04: projected inventory down to -16530 in 2028-04."), "\(text)")
        #expect(text.contains("- line-2 is over capacity in 2027-04: 112.5% of what is available is required (limit 100.0%)."))
        #expect(text.contains("- garden: the lag-1 forecast error (WMAPE) over the accuracy window is 52.0% (limit 40.0%)."))
        #expect(text.contains("- outdoor: revenue below budget in 2026-11, by 5.6% (limit 5.0%)."))
        let narrow = BalanceText.render(Self.eighteenMonths, width: 60)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test func theBalanceJSONHasThePinnedKeysAndNulls() throws {
        let json = JSONOutput.string(BalanceJSON(Self.eighteenMonths))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["cycle", "horizon", "families", "resources", "exceptions", "missing", "familiesWithoutDemand"])
        #expect(object["cycle"] as? String == "2026-11")
        let families = try #require(object["families"] as? [[String: Any]])
        #expect(families.map { $0["family"] as? String } == ["garden", "indoor", "outdoor"])
        #expect(Set(families[0].keys) == ["family", "openingInventory", "safetyStock", "months"])
        #expect(families[0]["safetyStock"] is NSNull && families[0]["openingInventory"] as? Int == 0)
        let month = try #require((families[2]["months"] as? [[String: Any]])?.first)
        #expect(Set(month.keys) == ["month", "demand", "supply", "gap", "inventory", "cover", "revenue", "budget", "deviation"])
        #expect(month["demand"] as? Int == 12000 && month["supply"] as? Int == 11000 && month["gap"] as? Int == 1000 && month["inventory"] as? Int == 2000)
        let later = try #require((families[2]["months"] as? [[String: Any]])?.last)
        #expect(later["budget"] is NSNull && later["deviation"] is NSNull)
        #expect(json.contains("\"revenue\" : 1180000.5"), "Decimal as typed")
        let resource = try #require((object["resources"] as? [[String: Any]])?.first)
        #expect(Set(resource.keys) == ["resource", "months"])
        let resourceMonths = try #require(resource["months"] as? [[String: Any]])
        #expect(Set(resourceMonths[0].keys) == ["month", "available", "required", "utilisation"])
        #expect(resourceMonths[0]["utilisation"] as? Double == 0.95 && resourceMonths[3]["utilisation"] is NSNull)
        let exceptions = try #require(object["exceptions"] as? [[String: Any]])
        for e in exceptions { #expect(Set(e.keys) == ["kind", "family", "resource", "month", "value", "limit", "text"]) }
        let shortage = try #require(exceptions.first)
        #expect(shortage["kind"] as? String == "shortage" && shortage["family"] as? String == "outdoor" && shortage["month"] as? String == "2027-01")
        #expect(shortage["value"] as? Int == -30 && shortage["resource"] is NSNull && shortage["limit"] is NSNull)
        let error = try #require(exceptions.last)
        #expect(error["kind"] as? String == "forecast-error" && error["month"] is NSNull && error["value"] as? Double == 0.52)
        #expect(Set(exceptions.compactMap { $0["kind"] as? String }) == ["shortage", "below-safety-stock", "supply-gap", "over-capacity", "below-budget", "forecast-error"])
    }

    @Test func planDiffTextIsLargestFirstAndJSONHasNulls() throws {
        let diff = PlanDiff(
            cycle: Self.month("2026-11"), against: Self.month("2026-10"),
            now: (demand: Self.table(.demand, .quantity, [("outdoor", "2026-12", 1900), ("garden", "2026-12", 50)]), supply: nil),
            before: (demand: Self.table(.demand, .quantity, [("outdoor", "2026-12", 1400)]), supply: nil))
        let text = PlanDiffText.render(diff)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "Cycle 2026-11 against 2026-10: 2 changes, largest first.")
        #expect(lines[2].hasPrefix("demand  outdoor  2026-12  1400    1900   +500"))
        #expect(lines[3].hasPrefix("demand  garden   2026-12  -       50     new"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.string(PlanDiffJSON(diff)).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["cycle", "against", "changes"])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(Set(changes[0].keys) == ["kind", "family", "month", "before", "after", "delta"])
        #expect(changes[0]["delta"] as? Int == 500 && changes[1]["before"] is NSNull && changes[1]["delta"] is NSNull && changes[1]["after"] as? Int == 50)
    }

    static var accuracy: ForecastAccuracy {
        get throws {
            let forecasts: [Decimal] = [15, 12, 5, 8]
            var m = month("2026-01")
            var cycles: [CyclePlans] = []
            for f in forecasts {
                cycles.append(CyclePlans(month: m, demand: table(.demand, .quantity, [("outdoor", "\(m.next)", f)])))
                m = m.next
            }
            cycles.append(CyclePlans(month: month("2026-06"), actuals: table(.actuals, .quantity, [("outdoor", "2026-02", 10), ("outdoor", "2026-03", 5), ("outdoor", "2026-04", 8), ("outdoor", "2026-05", 10)])))
            return try ForecastAccuracy(cycles: cycles)
        }
    }

    @Test func accuracyJSONHasThePinnedKeysFlatPerFamily() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.string(AccuracyJSON(try Self.accuracy)).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["lag", "months", "family", "window", "families", "total", "trend"])
        #expect(object["lag"] as? Int == 1 && object["family"] is NSNull)
        let family = try #require((object["families"] as? [[String: Any]])?.first)
        #expect(Set(family.keys) == ["family", "pairs", "wmape", "mape", "bias", "trackingSignal", "mad", "naiveWmape", "fva", "points"])
        #expect(family["wmape"] as? Double == 17.0 / 33.0 && family["naiveWmape"] as? Double == 10.0 / 23.0)
        let point = try #require((family["points"] as? [[String: Any]])?.first)
        #expect(Set(point.keys) == ["month", "forecast", "actual", "forecastCycle", "naive"])
        #expect(point["forecastCycle"] as? String == "2026-01" && point["forecast"] as? Int == 15 && point["naive"] is NSNull)
        let total = try #require(object["total"] as? [String: Any])
        #expect(Set(total.keys) == ["pairs", "wmape", "mape", "bias", "trackingSignal", "mad", "naiveWmape", "fva"])
        let trend = try #require(object["trend"] as? [[String: Any]])
        #expect(trend.count == 4 && Set(trend[0].keys) == ["month", "pairs", "wmape"])
    }

    @Test func accuracyTextHasATableAndATrendLine() throws {
        let text = AccuracyText.render(try Self.accuracy)
        #expect(text.contains("FAMILY   PAIRS  WMAPE  MAPE   BIAS   TRACKING  MAD  NAIVE WMAPE  FVA"))
        #expect(text.contains("outdoor  4      51.5%  61.9%  21.2%  -1.6      4.2  43.5%        -8.7%"))
        #expect(text.contains("Total    4      51.5%"))
        #expect(text.contains("  2026-03   140.0%  (1 pair)"))
    }

    @Test func scenarioKPIsJSONIsFlatPerFamily() throws {
        let kpis = PlanKPIs(Self.eighteenMonths)
        let compare = ScenarioCompareJSON(baseline: kpis, scenarios: [.init(name: "overtime", stage: "supply-review", input: "supply-plan", promotedBy: nil, kpis: kpis)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.string(compare).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["baseline", "scenarios"])
        let baseline = try #require(object["baseline"] as? [String: Any])
        let family = try #require((baseline["families"] as? [[String: Any]])?.first)
        #expect(Set(family.keys) == ["family", "demand", "supply", "shortage", "endingInventory", "monthsShort", "revenue"])
        let total = try #require(baseline["total"] as? [String: Any])
        #expect(Set(total.keys) == ["demand", "supply", "shortage", "endingInventory", "monthsShort", "revenue"])
        let scenario = try #require((object["scenarios"] as? [[String: Any]])?.first)
        #expect(Set(scenario.keys) == ["name", "stage", "input", "promotedBy", "kpis"] && scenario["promotedBy"] is NSNull)
    }
}
