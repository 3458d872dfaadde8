import Foundation
import SOPCore
import SOPText
import Testing

// November 2026 in the Fixture workflow: supply is due Fri 13 (workday 10). Workdays after it:
// Mon 16, Tue 17, Wed 18, Thu 19, Fri 20, Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Mon 30.

/// The supply stage of `Ladders.supplyWorkflow()` done on its due day, then reopened by a new
/// supply plan on `reopened` (a Monday, six workdays after the due day).
enum ReopenedSupply {
    static let newPlan = "family,capacity\nwidgets,140\n"

    static func cycle(reopenedOn reopened: String = "2026-11-23") throws -> DatedCycle {
        var c = try Ladders.supplyOpen()
        try c.completeSupply(on: try d("2026-11-13"))
        try c.run(.file("supply", "supply-plan", newPlan), as: "paul", on: try d(reopened))
        return c
    }

    /// Every view's figures for one stage on one day, so a test can say they agree.
    static func views(_ c: DatedCycle, _ id: String, on today: Day) throws -> (status: StageStatus, agenda: Agenda.StagePerformance, metrics: StageDelivery) {
        let stage = try c.stage(id)
        let status = c.state.status(of: stage, today: today, register: c.register)
        let agenda = Agenda.build(cycle: c.state, events: c.events, register: c.register, previous: nil, today: today)
        let row = try #require(agenda.stagePerformance.first { $0.stage == id })
        let history = CycleHistory(id: c.state.id, workflow: c.workflow, events: c.events).stageHistories(today: today)
        let delivery = try #require(history[id]?.delivery)
        return (status, row, delivery)
    }
}

@Suite("A stage reopened after it was done is due again the day it reopened")
struct ReopenedStageTests {
    @Test func itsLadderStartsAtTheFirstStepNotAtTheSponsors() throws {
        var c = try ReopenedSupply.cycle()
        #expect(c.state.state(of: "supply") == .review)
        // Six workdays after the due day, but reopened today: nobody is chased yet.
        #expect(try c.escalate(on: try d("2026-11-23")) == [])
        let tuesday = try c.escalate(on: try d("2026-11-24"))
        #expect(tuesday == [Ladders.lateSupply(number: 1, level: 1, workdays: 1, late: 1, roles: ["supply"], told: ["paul"])])
        #expect(try c.escalate(on: try d("2026-11-26")).map(\.level) == [2])
        #expect(try c.escalate(on: try d("2026-11-27")) == [])
        let sponsor = try c.escalate(on: try d("2026-11-30"))
        #expect(sponsor.map(\.level) == [3])
        #expect(sponsor.map(\.told) == [["omar"]])
        #expect(sponsor.map(EscalationWords.message) == ["supply is 5 workdays late, level 3"])
    }

    @Test func reopenedBeforeItsDueDayItIsStillDueOnItsDueDay() throws {
        var c = try Ladders.supplyOpen()
        try c.completeSupply(on: try d("2026-11-09"))
        try c.run(.file("supply", "supply-plan", ReopenedSupply.newPlan), as: "paul", on: try d("2026-11-11"))
        let t = try c.timing("supply", on: try d("2026-11-11"))
        #expect(t.reopenedOn == (try d("2026-11-11")))
        #expect(t.workdaysLeft == 2)
        #expect(try c.timing("supply", on: try d("2026-11-17")).workdaysLate == 2)
        #expect(try c.escalate(on: try d("2026-11-17")).map(\.level) == [1])
    }

    @Test func itsLatenessCountsFromTheDayItReopenedInEveryView() throws {
        let c = try ReopenedSupply.cycle()
        let today = try d("2026-11-25")
        let t = try c.timing("supply", on: today)
        #expect(t.reopenedOn == (try d("2026-11-23")))
        #expect(t.deliveredOn == (try d("2026-11-13")))
        #expect(t.lateAfter == (try d("2026-11-23")))
        #expect(t.workdaysLate == 2)
        #expect(t.isOverdue)

        let views = try ReopenedSupply.views(c, "supply", on: today)
        #expect(views.status.overdueDays == 2)
        #expect(views.status.reopenedOn == "2026-11-23")
        #expect(views.status.deliveredOn == "2026-11-13")
        #expect(views.agenda.timeliness == .overdue)
        #expect(views.agenda.workdays == 2)
        // Its delivery on the 13th stands: metrics counts it on time.
        #expect(views.metrics == .onTime)

        let why = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: today))
        #expect(why.contains("It was due 2026-11-13, was done, and reopened 2026-11-23; it is 2 workdays late, counted from 2026-11-23."))
    }

    /// The disagreement a user saw: `status` said "8 late" for a stage `metrics` counted on time.
    @Test func doneAgainItIsJudgedOnItsFirstCompletionInEveryView() throws {
        var c = try ReopenedSupply.cycle()
        try c.run(.sign("supply"), as: "paul", on: try d("2026-11-25"))
        #expect(c.state.state(of: "supply") == .done)
        let today = try d("2026-11-26")
        let views = try ReopenedSupply.views(c, "supply", on: today)
        #expect(views.metrics == .onTime)
        #expect(views.status.completedLate == 0)
        #expect(views.status.overdueDays == 0)
        #expect(views.status.completedOn == "2026-11-25")
        #expect(views.status.deliveredOn == "2026-11-13")
        #expect(views.agenda.timeliness == .onTime)
        #expect(views.agenda.workdays == 0)
        let why = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: today))
        #expect(why.contains("It was due 2026-11-13 and was first done 2026-11-13, on time; it was done again 2026-11-25."))
    }

    @Test func aLateDeliveryStaysLateWhenDoneAgain() throws {
        var c = try Ladders.supplyOpen()
        try c.completeSupply(on: try d("2026-11-17"))
        try c.run(.file("supply", "supply-plan", ReopenedSupply.newPlan), as: "paul", on: try d("2026-11-23"))
        try c.run(.sign("supply"), as: "paul", on: try d("2026-11-23"))
        let views = try ReopenedSupply.views(c, "supply", on: try d("2026-11-24"))
        #expect(views.metrics == .late(workdays: 2))
        #expect(views.status.completedLate == 2)
        #expect(views.agenda.timeliness == .late)
        #expect(views.agenda.workdays == 2)
    }

    /// A stage reopened by its upstream (its sign-off went stale) is rework too.
    @Test func aStageReopenedByItsUpstreamIsChasedFromTheDayItReopened() throws {
        var c = try ReopenedSupply.cycle()
        try c.completeSupply(on: try d("2026-11-23"))
        #expect(c.state.state(of: "supply") == .done)
        try c.reopenDemand(on: try d("2026-11-26"))
        #expect(c.state.state(of: "supply") == .review)
        #expect(try c.timing("supply", on: try d("2026-11-27")).workdaysLate == 1)
        #expect(try c.escalate(on: try d("2026-11-27")).map(\.level) == [1])
    }
}
