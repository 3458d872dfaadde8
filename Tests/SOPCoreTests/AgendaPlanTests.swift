import Foundation
@testable import SOPCore
import Testing

/// Section 1's decisions: a decision recorded after the previous meeting — a supersession among
/// them — is a change since it, in whichever of the two cycles it was recorded.
@Suite struct AgendaDecisionsSinceTheMeeting {
    static let held = PreviousMeeting(cycle: "2026-10", heldAt: AgendaFixture.time("2026-10-21", 15))

    @Test func aDecisionSupersededAfterTheMeetingIsAChange() {
        var october = AgendaScene("2026-10")
        october.on("2026-10-21", 14)
        let frozen = october.decide("Freeze the December plan")  // D-1, at the meeting
        var s = AgendaScene(register: october.register)
        s.on("2026-11-04")
        s.decide("Freeze the plan from 10 December", supersedes: frozen)  // D-2, after it
        let a = s.agenda(today: "2026-11-05", previous: Self.held)
        #expect(!a.changes.isEmpty, "it once said 'no changes' here")
        #expect(a.changes.decisions.map(\.id) == ["D-2"], "D-1 was recorded at the meeting, not after it")
        #expect(a.changes.decisions[0].supersedes == "D-1")
        #expect(a.changes.decisions[0].cycle == "2026-11")
    }

    @Test func aSupersessionRecordedInThePreviousCycleAfterItsMeetingIsAChangeToo() {
        var october = AgendaScene("2026-10")
        october.on("2026-10-21", 14)
        let frozen = october.decide("Freeze the December plan")
        october.on("2026-10-23")
        october.decide("Freeze the plan from 10 December", supersedes: frozen)
        // November's own register holds none of October's decisions: the store reads them apart.
        let s = AgendaScene()
        let without = s.agenda(today: "2026-11-05", previous: Self.held)
        #expect(without.changes.isEmpty)
        let a = s.agenda(today: "2026-11-05", previous: Self.held, earlierDecisions: october.register.decisions(of: "2026-10"))
        #expect(a.changes.decisions.map(\.id) == ["D-2"])
        #expect(a.changes.decisions[0].cycle == "2026-10" && a.changes.decisions[0].supersedes == "D-1")
    }

    @Test func withoutAHeldMeetingTheChangesAreThisCyclesDecisions() {
        var october = AgendaScene("2026-10")
        october.decide("Hold prices")
        var s = AgendaScene(register: october.register)
        s.decide("Open the Lyon line")
        let a = s.agenda(today: "2026-11-05", previous: PreviousMeeting(cycle: "2026-10", heldAt: nil), earlierDecisions: october.register.decisions(of: "2026-10"))
        #expect(a.changes.decisions.map(\.id) == ["D-2"])
    }

    @Test func anOldWorkflowHasNoPlanInputsAndAPlanWorkflowWaitsForItsDemandPlan() {
        #expect(AgendaScene().agenda(today: "2026-11-05").plan == .noPlanInputs)
        var workflow = AgendaFixture.workflow()
        workflow.stages[1].inputs[0].plan = .demand
        #expect(AgendaScene(workflow: workflow).agenda(today: "2026-11-05").plan == .noDemandPlan)
    }
}

/// The agenda's figure sections read the balance, the accuracy and the plan diff; what it adds
/// (last month's pair, finance sums, grouped exceptions, the horizon's end) is checked by hand here.
@Suite struct AgendaPlanFiguresComeFromTheBalance {
    typealias F = PlanFixture
    static let cycle = F.month("2026-11")

    /// outdoor: demand 100 a month for six months, supply 80, opening 50: PI 30, 10, -10, -30, -50, -70.
    /// indoor: demand 50, supply 60. Revenue 900 against a budget of 1000 (outdoor) and 1000 against 1000 (indoor).
    /// line-2 over capacity in Nov, Dec and Feb; line-1 never.
    static func plan() throws -> AgendaPlan {
        let months = ["2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04"]
        let demand = F.series(.demand, "outdoor", from: "2026-11", Array(repeating: 100, count: 6))
            + F.series(.demand, "indoor", from: "2026-11", Array(repeating: 50, count: 6))
        let supply = F.series(.supply, "outdoor", from: "2026-11", Array(repeating: 80, count: 6))
            + F.series(.supply, "indoor", from: "2026-11", Array(repeating: 60, count: 6))
        let finance = F.series(.finance, "outdoor", from: "2026-11", Array(repeating: 900, count: 6))
            + F.series(.finance, "indoor", from: "2026-11", Array(repeating: 1000, count: 6))
        let budget = F.series(.budget, "outdoor", from: "2026-11", Array(repeating: 1000, count: 6))
            + F.series(.budget, "indoor", from: "2026-11", Array(repeating: 1000, count: 6))
        let capacity = months.map { ("line-1", $0, Decimal(100), Decimal(50)) }
            + zip(months, [Decimal(120), 110, 90, 130, 100, 95]).map { ("line-2", $0.0, Decimal(100), $0.1) }
        let plans = BalanceInputs(
            demand: F.quantities(.demand, demand), supply: F.quantities(.supply, supply),
            inventory: F.inventory([("outdoor", 50, nil), ("indoor", 0, nil)]), capacity: F.capacity(capacity),
            finance: F.revenue(.finance, finance), budget: F.revenue(.budget, budget))
        let balance = Balance(cycle: cycle, plans: plans)
        // October's actuals against September's forecast (lag 1): outdoor F 110 A 100, indoor F 40 A 50.
        let history = [
            CyclePlans(month: F.month("2026-09"), demand: F.quantities(.demand, [("outdoor", "2026-10", 110), ("indoor", "2026-10", 40)])),
            CyclePlans(month: F.month("2026-10")),
            CyclePlans(month: cycle, actuals: F.quantities(.actuals, [("outdoor", "2026-10", 100), ("indoor", "2026-10", 50)])),
        ]
        let accuracy = try ForecastAccuracy(cycles: history)
        let before = F.quantities(.demand, [("outdoor", "2026-11", 90), ("outdoor", "2026-12", 100), ("indoor", "2026-11", 50)])
        let diff = PlanDiff(cycle: cycle, against: F.month("2026-10"), now: (plans.demand, nil), before: (before, nil))
        return AgendaPlan(balance: balance, diff: diff, accuracy: accuracy, comparisons: [])
    }

    @Test func lastMonthIsTheLagOnePairOfTheMonthBeforeTheCycle() throws {
        let plan = try Self.plan()
        let last = plan.lastMonth
        #expect(last.month == F.month("2026-10"))
        #expect(last.families.map(\.family) == ["indoor", "outdoor"])
        let outdoor = try #require(last.families.last)
        #expect(outdoor.point?.forecast == 110 && outdoor.point?.actual == 100 && outdoor.point?.forecastCycle == F.month("2026-09"))
        #expect(outdoor.error == 10)
        #expect(last.families[0].error == -10)
        // Σ|F−A| / ΣA = 20 / 150; bias Σ(F−A) / ΣA = 0.
        #expect(abs((last.total.wmape ?? 0) - 20.0 / 150.0) < 1e-12)
        #expect(last.total.bias == 0)
        #expect(last.total == plan.accuracy.total, "the accuracy's own total, not a new sum")
    }

    @Test func revenueAgainstBudgetIsSummedPerFamilyOverTheHorizon() throws {
        let f = try Self.plan().finance
        #expect(f.families.map(\.family) == ["indoor", "outdoor"])
        let outdoor = try #require(f.families.last?.figures)
        #expect(outdoor.months == 6 && outdoor.revenue == 5400 && outdoor.budget == 6000)
        #expect(abs((outdoor.deviation ?? 0) - -0.1) < 1e-12)
        #expect(f.families[0].figures.deviation == 0)
        #expect(f.total.revenue == 11400 && f.total.budget == 12000)
        #expect(abs((f.total.deviation ?? 0) - -0.05) < 1e-12)
        #expect(f.hasRevenue && f.hasBudget)
    }

    @Test func exceptionsAreOneGroupPerKindAndFamilyOrResource() throws {
        let plan = try Self.plan()
        let groups = plan.exceptions
        #expect(plan.balance.exceptions.count > groups.count)
        let short = try #require(groups.first { $0.kind == .shortage })
        #expect(short.family == "outdoor")
        #expect(short.months.map(\.description) == ["2027-01", "2027-02", "2027-03", "2027-04"])
        #expect(short.worst == .quantity(-70) && short.worstMonth == F.month("2027-04"))
        let over = groups.filter { $0.kind == .overCapacity }
        #expect(over.count == 1 && over[0].resource == "line-2")
        #expect(over[0].months.map(\.description) == ["2026-11", "2026-12", "2027-02"])
        #expect(over[0].worst == .ratio(1.3) && over[0].worstMonth == F.month("2027-02"))
        #expect(over[0].limit == .ratio(1.0))
        let budget = groups.filter { $0.kind == .belowBudget }
        #expect(budget.map(\.family) == ["outdoor"] && budget[0].months.count == 6)
        // Every exception of the balance is in exactly one group.
        #expect(groups.reduce(0) { $0 + max($1.months.count, 1) } == plan.balance.exceptions.count)
    }

    @Test func theLongTermPlanIsTheHorizonsLastThreeMonths() throws {
        let l = try Self.plan().longTerm
        #expect(l.months.map(\.description) == ["2027-02", "2027-03", "2027-04"])
        let outdoor = try #require(l.families.first { $0.family == "outdoor" })
        #expect(outdoor.demand == 300 && outdoor.supply == 240 && outdoor.endingInventory == -70)
        #expect(outdoor.finance.revenue == 2700 && outdoor.finance.budget == 3000)
        #expect(l.total.revenue == 5700 && l.total.budget == 6000)
    }

    @Test func thePlanChangesAreThePlanDiffsLargestFirst() throws {
        let diff = try #require(try Self.plan().diff)
        #expect(diff.changes.first?.delta == 10)
        #expect(diff.changes.first?.family == "outdoor" && diff.changes.first?.month == F.month("2026-11"))
    }
}
