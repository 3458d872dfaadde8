import Foundation
@testable import SOPCore
import Testing
@testable import SOPText

/// The agenda's figure sections in text, Markdown and JSON: each reads the plan values it is given,
/// and says in one line when there are none.
@Suite struct AgendaPlanSectionsRender {
    static func month(_ text: String) -> CycleMonth { CycleMonth(text) ?? CycleMonth(year: 1900, month: 1) }

    static func table(_ kind: PlanKind, _ column: PlanColumn, _ rows: [(String, String, Decimal)]) -> PlanTable {
        PlanTable(kind: kind, rows: rows.enumerated().map { i, r in PlanRow(line: i + 2, family: r.0, month: month(r.1), values: [column: r.2]) })
    }

    static func series(_ family: String, _ values: [Decimal]) -> [(String, String, Decimal)] {
        var m = month("2026-11")
        return values.map { v in
            defer { m = m.next }
            return (family, "\(m)", v)
        }
    }

    /// Lounge short from December; Shade fine; Lounge's revenue 10% under budget; seven demand changes.
    static func plan(comparing proposal: String?) throws -> AgendaPlan {
        let demand = table(.demand, .quantity, series("Lounge", [100, 100, 100, 100]) + series("Shade", [50, 50, 50, 50]))
        let supply = table(.supply, .quantity, series("Lounge", [100, 80, 80, 80]) + series("Shade", [60, 60, 60, 60]))
        let finance = table(.finance, .revenue, series("Lounge", [900, 900, 900, 900]) + series("Shade", [500, 500, 500, 500]))
        let budget = table(.budget, .revenue, series("Lounge", [1000, 1000, 1000, 1000]) + series("Shade", [500, 500, 500, 500]))
        let plans = BalanceInputs(demand: demand, supply: supply, finance: finance, budget: budget)
        let balance = Balance(cycle: month("2026-11"), plans: plans)
        let before = table(.demand, .quantity, series("Lounge", [90, 95, 99, 40]) + series("Shade", [52, 57, 10, 50]))
        let diff = PlanDiff(cycle: month("2026-11"), against: month("2026-10"), now: (demand, nil), before: (before, nil))
        let history = [
            CyclePlans(month: month("2026-09"), demand: table(.demand, .quantity, [("Lounge", "2026-10", 120), ("Shade", "2026-10", 45)])),
            CyclePlans(month: month("2026-11"), actuals: table(.actuals, .quantity, [("Lounge", "2026-10", 100), ("Shade", "2026-10", 50)])),
        ]
        let accuracy = try ForecastAccuracy(cycles: history)
        var comparisons: [ProposalComparison] = []
        if let proposal {
            let overtime = Scenario(
                name: "overtime", stage: "supply-review", input: "supply-plan", by: "omar", at: Date(timeIntervalSince1970: 0),
                content: .file(name: "supply-overtime.csv", sha256: "x", size: 1))
            let more = Balance(cycle: month("2026-11"), plans: BalanceInputs(
                demand: demand, supply: table(.supply, .quantity, series("Lounge", [100, 100, 100, 100]) + series("Shade", [60, 60, 60, 60])),
                finance: finance, budget: budget))
            comparisons.append(ProposalComparison(proposal: proposal, comparison: ScenarioComparison(
                cycle: month("2026-11"), baseline: PlanKPIs(balance),
                scenarios: [.init(scenario: overtime, promotedBy: nil, kpis: PlanKPIs(more))])))
        }
        return AgendaPlan(balance: balance, diff: diff, accuracy: accuracy, comparisons: comparisons)
    }

    static func agenda() throws -> Agenda {
        var agenda = try AgendaSample.full()
        agenda.plan = .figures(try plan(comparing: "P-2"))
        return agenda
    }

    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test func theTextAnswersEachQuestionFromTheFigures() throws {
        let raw = AgendaText.text(try Self.agenda())
        let text = flat(raw)
        // 1: the largest five of seven changes, with the pointer.
        #expect(text.contains("Plan changes against the 2026-10 plan: the largest 5 of 7 (`plan diff` lists them all):"), "\(raw)")
        #expect(text.contains("Plan Family Month Before After Change demand Lounge 2027-02 40 100 +60 demand Shade 2027-01 10 50 +40"), "\(raw)")
        // 3: October's actual against September's forecast.
        #expect(text.contains("2026-10: actual against the forecast made a month before (lag 1)"), "\(raw)")
        #expect(text.contains("Lounge 120 100 +20 20.0% +20.0% 1"), "\(raw)")
        #expect(text.contains("Shade 45 50 -5 10.0% -10.0% 1"), "\(raw)")
        // 4
        #expect(text.contains("Lounge 4 3600 4000 -10.0%"), "\(raw)")
        #expect(text.contains("Total 4 5600 6000 -6.7%"), "\(raw)")
        // 5: one line per family for the shortage months.
        #expect(text.contains("Lounge runs short in 2026-12 to 2027-02: projected inventory down to -60 in 2027-02."), "\(raw)")
        #expect(text.contains("Lounge: revenue below budget in 2026-11 to 2027-02, by up to 10.0% in 2026-11 (limit 5.0%)."), "\(raw)")
        // 6: the comparison under P-2, not under P-1.
        let p2 = try #require(raw.range(of: "P-2 Add a second shift on line 2"))
        let comparison = try #require(raw.range(of: "Scenario comparison over the horizon (`scenario compare overtime`):"))
        #expect(comparison.lowerBound > p2.lowerBound)
        #expect(text.contains("baseline 600 580 60 3 -20 5600 overtime 600 640 0 0 40 5600"), "\(raw)")
        // 8
        #expect(text.contains("Over capacity: - No capacity plan of record: utilisation is not known. Shortages: - Lounge runs short"), "\(raw)")
        // 9
        #expect(text.contains("The horizon's last 3 months (2026-12 to 2027-02) against the budget:"), "\(raw)")
        #expect(text.contains("Lounge 300 240 -60 2700 3000 -10.0%"), "\(raw)")
        #expect(raw.components(separatedBy: "\n").allSatisfy { $0.count <= 80 }, "\(raw)")
    }

    @Test func markdownHasTheSameFiguresAsTables() throws {
        let md = AgendaText.markdown(try Self.agenda())
        #expect(md.contains("| Plan | Family | Month | Before | After | Change |\n|---|---|---|---|---|---|\n| demand | Lounge | 2027-02 | 40 | 100 | +60 |"))
        #expect(md.contains("| Lounge | 4 | 3600 | 4000 | -10.0% |"))
        #expect(md.contains("| overtime | 600 | 640 | 0 | 0 | 40 | 5600 |"))
        #expect(md.contains("- Lounge runs short in 2026-12 to 2027-02: projected inventory down to -60 in 2027-02."))
        #expect(md.contains("### Decisions recorded this cycle"))
    }

    @Test func withoutPlanInputsTheFigureSectionsSaySoInOneLine() throws {
        var agenda = try AgendaSample.full()
        agenda.plan = .noPlanInputs
        for out in [AgendaText.text(agenda), AgendaText.markdown(agenda)] {
            #expect(flat(out).components(separatedBy: flat(AgendaPlanText.noPlanInputs)).count == 4, "sections 3, 4 and 9: \(out)")
            #expect(!out.contains("Plan changes") && !out.contains("Plan exceptions") && !out.contains("Over capacity:"), "\(out)")
        }
        agenda.plan = .noDemandPlan
        let text = flat(AgendaText.text(agenda))
        #expect(text.contains("Plan changes: not known yet: cycle 2026-11 has no demand plan of record."))
        #expect(text.contains("Plan exceptions: not known yet: cycle 2026-11 has no demand plan of record."))
    }

    @Test func theJSONAddsThePlanKeysWithExplicitNulls() throws {
        let json = JSONOutput.string(AgendaJSON(try Self.agenda()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["planFigures", "plan", "planChanges", "accuracy", "finance", "exceptionGroups", "scenarios"] {
            #expect(object.keys.contains(key), "\(key)")
        }
        #expect(object["planFigures"] as? String == "figures")
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["proposal"] as? String } == ["P-2"])
        let changes = try #require((object["planChanges"] as? [String: Any])?["changes"] as? [[String: Any]])
        #expect(changes.count == 7, "the JSON keeps every change")
        let finance = try #require(object["finance"] as? [String: Any])
        #expect(((finance["total"] as? [String: Any])?["revenue"] as? NSNumber)?.intValue == 5600)
        var none = try AgendaSample.full()
        none.plan = .noPlanInputs
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.string(AgendaJSON(none)).utf8)) as? [String: Any])
        #expect(empty["planFigures"] as? String == "no-plan-inputs")
        for key in ["plan", "planChanges", "accuracy", "finance", "exceptionGroups"] { #expect(empty[key] is NSNull, "\(key) is null") }
        #expect((empty["scenarios"] as? [Any])?.isEmpty == true)
    }
}
