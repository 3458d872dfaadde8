import Foundation
import SOPCore
import Testing

/// Three months of the metrics workflow (September to November 2026), measured on Thursday
/// 2026-11-12. Due days: gather workday 2, demand workday 5, supply 2 workdays after demand was done,
/// exec workday 8. What each month holds, and what the figures must therefore be:
///
/// September — gather on time (5 h in review). Demand done 2 workdays late (24 h), then its forecast
/// is resubmitted and it is done again (5 h). Supply done on the 14th, 1 workday after its due day
/// (demand done the 9th + 2 = the 11th), reopened by the resubmission and re-signed on the 16th (25 h)
/// — by then demand's later completion would make it due the 17th, but the first completion judged
/// against the due day of that moment is what counts. Exec 4 workdays late (47 h). P-1 decided in
/// 1.5 days; A-1 done early, A-2 due Friday done Saturday (no workday late), A-3 done 2 workdays late.
///
/// October — gather waived. Demand rejected once (that review is no sign-off wait), done on its due
/// day (24 h), then reopened and done again two days later (23 h): still on time. Supply 28 h in review,
/// on time against demand's second completion. Exec on time (68 h). P-2 decided after 4 days and later
/// superseded; P-3 deferred to November. A-4 cancelled; A-5 due Oct 30, still open.
///
/// November (open) — gather 1 workday late (24 h). Demand past due since the 6th, still in review.
/// Supply waiting, its relative due date not yet known: pending. Exec due the 11th: 1 workday overdue.
/// P-3 decided 33 days after it was raised; P-4 undecided. A-6 open, not yet due.
///
/// Every stage is completed between 08:00 and 14:00 UTC, so the day it was done on (read in the
/// machine's time zone, as `status` reads it) is the same from UTC-8 to UTC+9.
enum ThreeMonths {
    static let today = Day(year: 2026, month: 11, day: 12)

    static func build() throws -> (months: [MetricsMonth], register: FollowUpRegister) {
        var sep = try MetricsMonth("2026-09")
        try sep.at("2026-09-02 09:00", "dan", .note("gather", "history", "ERP export"))
        try sep.at("2026-09-02 14:00", "dan", .sign("gather"))
        try sep.at("2026-09-08 09:00", "dan", .note("demand", "forecast", "v1"))
        try sep.at("2026-09-08 10:00", "dan", .sign("demand"))
        try sep.at("2026-09-09 09:00", "sally", .sign("demand"))
        try sep.at("2026-09-10 09:00", "maria", .propose("Add a second shift"))
        try sep.at("2026-09-10 09:00", "maria", .action("Hire operators", owner: "paul", due: MetricsFixture.day("2026-09-18")))
        try sep.at("2026-09-11 21:00", "omar", .decide(1, "Run a second shift"))
        try sep.at("2026-09-11 21:00", "maria", .action("Brief the works council", owner: "paul", due: MetricsFixture.day("2026-09-18")))
        try sep.at("2026-09-11 21:00", "maria", .action("Update the rota", owner: "paul", due: MetricsFixture.day("2026-09-21")))
        try sep.at("2026-09-14 09:00", "paul", .note("supply", "plan", "v1"))
        try sep.at("2026-09-14 12:00", "paul", .sign("supply"))
        try sep.at("2026-09-15 09:00", "dan", .note("demand", "forecast", "v2"))
        try sep.at("2026-09-15 10:00", "dan", .sign("demand"))
        try sep.at("2026-09-15 14:00", "sally", .sign("demand"))
        try sep.at("2026-09-16 10:00", "paul", .sign("supply"))
        try sep.at("2026-09-16 11:00", "omar", .sign("exec"))
        try sep.at("2026-09-17 10:00", "maria", .completeAction(1, note: nil))
        try sep.at("2026-09-19 10:00", "maria", .completeAction(2, note: nil))
        try sep.at("2026-09-23 10:00", "maria", .completeAction(3, note: nil))

        var oct = try MetricsMonth("2026-10", register: sep.register)
        try oct.at("2026-10-01 09:00", "maria", .waive("gather", "no new actuals"))
        try oct.at("2026-10-05 09:00", "dan", .note("demand", "forecast", "v1"))
        try oct.at("2026-10-05 15:00", "sally", .reject("demand", "the Nordline order is missing"))
        try oct.at("2026-10-06 09:00", "dan", .note("demand", "forecast", "v2"))
        try oct.at("2026-10-06 10:00", "dan", .sign("demand"))
        try oct.at("2026-10-07 09:00", "sally", .sign("demand"))
        try oct.at("2026-10-08 09:00", "paul", .note("supply", "plan", "v1"))
        try oct.at("2026-10-08 09:00", "maria", .propose("Raise Q1 prices"))
        try oct.at("2026-10-08 09:00", "maria", .propose("Outsource the outdoor gap"))
        try oct.at("2026-10-08 10:00", "dan", .note("demand", "forecast", "v3"))
        try oct.at("2026-10-08 11:00", "dan", .sign("demand"))
        try oct.at("2026-10-09 09:00", "sally", .sign("demand"))
        try oct.at("2026-10-09 13:00", "paul", .sign("supply"))
        try oct.at("2026-10-12 09:00", "omar", .sign("exec"))
        try oct.at("2026-10-12 09:00", "omar", .decide(2, "Raise prices 3%"))
        try oct.at("2026-10-12 10:00", "omar", .postpone(3, to: "2026-11"))
        try oct.at("2026-10-12 10:00", "maria", .action("Check the tooling", owner: "paul", due: MetricsFixture.day("2026-10-16")))
        try oct.at("2026-10-12 10:00", "maria", .action("Resin safety stock", owner: "paul", due: MetricsFixture.day("2026-10-30")))
        try oct.at("2026-10-13 09:00", "omar", .decide(2, "Raise prices 2%", supersedes: 2))
        try oct.at("2026-10-15 09:00", "maria", .cancelAction(4, reason: "covered by the price decision"))

        var nov = try MetricsMonth("2026-11", register: oct.register)
        try nov.at("2026-11-03 09:00", "dan", .note("gather", "history", "ERP export"))
        try nov.at("2026-11-04 09:00", "dan", .sign("gather"))
        try nov.at("2026-11-05 09:00", "dan", .note("demand", "forecast", "v1"))
        try nov.at("2026-11-05 10:00", "dan", .sign("demand"))
        try nov.at("2026-11-10 09:00", "omar", .decide(3, "Outsource to Tollpack"))
        try nov.at("2026-11-10 10:00", "maria", .propose("Pull the launch forward"))
        try nov.at("2026-11-10 10:00", "maria", .action("Confirm the tooling date", owner: "paul", due: MetricsFixture.day("2026-11-20")))
        return ([sep, oct, nov], nov.register)
    }

    static func metrics(last n: Int = 3) throws -> ProcessMetrics {
        let (months, register) = try build()
        return ProcessMetrics(cycles: months.suffix(n).map(\.history), followUps: register, today: today)
    }
}

@Suite struct ProcessMetricsTests {
    func stage(_ id: String, _ metrics: ProcessMetrics) throws -> StageMetrics {
        try #require(metrics.stages.first { $0.id == id })
    }

    @Test func stagesComeInWorkflowOrderOverTheWindow() throws {
        let m = try ThreeMonths.metrics()
        #expect(m.cycles == ["2026-09", "2026-10", "2026-11"])
        #expect(m.stages.map(\.id) == ["gather", "demand", "supply", "exec"])
        #expect(m.stages.allSatisfy { $0.cycles == 3 })
    }

    @Test func aWaiverIsNeitherOnTimeNorLate() throws {
        let gather = try stage("gather", ThreeMonths.metrics())
        #expect(gather.waived == 1)
        #expect(gather.onTime == 1 && gather.late == 1 && gather.overdue == 0)
        #expect(gather.measured == 2)
        #expect(gather.onTimeRate == 0.5)
        #expect(gather.medianWorkdaysLate == 1)
        // September 5 h, November 24 h: the waived October had no review.
        #expect(gather.medianSignoffWaitHours == 14.5)
        #expect(gather.signoffs == 2)
    }

    @Test func aReopenedStageKeepsItsFirstCompletion() throws {
        let demand = try stage("demand", ThreeMonths.metrics())
        // October was done on its due day and again two workdays later: still on time.
        #expect(demand.onTime == 1)
        #expect(demand.late == 1)
        #expect(demand.overdue == 1)
        #expect(demand.measured == 3)
        #expect(demand.onTimeRate == 1.0 / 3.0)
        // September 2 workdays late, November 4 workdays overdue on today: even count, mean of the two.
        #expect(demand.medianWorkdaysLate == 3)
    }

    @Test func signoffWaitCountsEveryReviewThatEndedDoneAndNotRejectedOnes() throws {
        let demand = try stage("demand", ThreeMonths.metrics())
        // 24, 5 (September), 24, 23 (October; the rejected review is not counted), November not done.
        #expect(demand.signoffs == 4)
        #expect(demand.medianSignoffWaitHours == 23.5)
        let exec = try stage("exec", ThreeMonths.metrics())
        #expect(exec.medianSignoffWaitHours == 57.5)
    }

    @Test func aRelativeDueDateIsJudgedAsItStoodAtCompletion() throws {
        let supply = try stage("supply", ThreeMonths.metrics())
        // September late by 1 (due the 11th then, not the 17th demand's later completion gives);
        // October on time; November pending: demand is not done, so supply has no due day yet.
        #expect(supply.onTime == 1 && supply.late == 1 && supply.overdue == 0)
        #expect(supply.pending == 1)
        #expect(supply.measured == 2)
        #expect(supply.medianWorkdaysLate == 1)
        // 3 h, 25 h (September), 28 h (October): the middle of an odd count.
        #expect(supply.medianSignoffWaitHours == 25)
    }

    @Test func anOpenStagePastDueCountsToToday() throws {
        let exec = try stage("exec", ThreeMonths.metrics())
        // September 4 workdays late, October on time, November 1 workday overdue on the 12th.
        #expect(exec.onTime == 1 && exec.late == 1 && exec.overdue == 1)
        #expect(exec.medianWorkdaysLate == 2.5)
        let later = ProcessMetrics(
            cycles: try ThreeMonths.build().months.map(\.history), followUps: FollowUpRegister(), today: Day(year: 2026, month: 11, day: 16))
        // The 12th, 13th and 16th: 3 workdays overdue now, so the median of 4 and 3 is 3.5.
        #expect(try stage("exec", later).medianWorkdaysLate == 3.5)
    }

    @Test func decisionLatencyRunsToTheFirstDecision() throws {
        let d = try ThreeMonths.metrics().decisions
        #expect(d.decided == 3)
        #expect(d.undecided == 1)
        #expect(d.deferred == 1)
        // 1.5 days (P-1), 4 days (P-2, superseded a day later), 33 days (P-3, deferred a month).
        #expect(d.medianLatencyDays == 4)
        #expect(d.maxLatencyDays == 33)
    }

    @Test func actionsExcludeCancelledOnesAndCountWorkdays() throws {
        let a = try ThreeMonths.metrics().actions
        // A-1 early and A-2 on the Saturday after its Friday due day: on time. A-3 2 workdays late,
        // A-5 9 workdays overdue on today, A-4 cancelled, A-6 not yet due.
        #expect(a.onTime == 2)
        #expect(a.late == 1)
        #expect(a.overdue == 1)
        #expect(a.measured == 4)
        #expect(a.cancelled == 1)
        #expect(a.pending == 1)
        #expect(a.onTimeRate == 0.5)
        #expect(a.medianWorkdaysLate == 5.5)
    }

    @Test func theWindowLeavesOlderCyclesOut() throws {
        let m = try ThreeMonths.metrics(last: 2)
        #expect(m.cycles == ["2026-10", "2026-11"])
        let gather = try stage("gather", m)
        #expect(gather.cycles == 2)
        #expect(gather.onTime == 0 && gather.late == 1 && gather.waived == 1)
        #expect(gather.onTimeRate == 0)
        #expect(gather.medianSignoffWaitHours == 24)
        // September's P-1 and its actions are not measured, though the register still holds them.
        #expect(m.decisions.decided == 2 && m.decisions.undecided == 1)
        #expect(m.decisions.medianLatencyDays == 18.5)
        #expect(m.actions.measured == 1 && m.actions.onTime == 0 && m.actions.overdue == 1)
        #expect(m.actions.medianWorkdaysLate == 9)
        #expect(m.actions.cancelled == 1 && m.actions.pending == 1)
    }

    @Test func nothingToMeasureIsNil() throws {
        let m = ProcessMetrics(cycles: [try MetricsMonth("2026-11").history], followUps: FollowUpRegister(), today: ThreeMonths.today.adding(days: -10))
        let gather = try stage("gather", m)
        #expect(gather.measured == 0 && gather.pending == 1)
        #expect(gather.onTimeRate == nil && gather.medianWorkdaysLate == nil && gather.medianSignoffWaitHours == nil)
        #expect(m.decisions.medianLatencyDays == nil && m.actions.onTimeRate == nil)
    }

    @Test func medianOfOddAndEvenCounts() {
        #expect(ProcessMetrics.median([3, 1, 2]) == 2)
        #expect(ProcessMetrics.median([10, 1, 2, 3]) == 2.5)
        #expect(ProcessMetrics.median([7]) == 7)
        #expect(ProcessMetrics.median([]) == nil)
    }

    @Test func jsonWritesNullForNothingMeasured() throws {
        let m = ProcessMetrics(cycles: [try MetricsMonth("2026-11").history], followUps: FollowUpRegister(), today: ThreeMonths.today)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(m), as: UTF8.self)
        #expect(json.contains("\"medianLatencyDays\":null"))
        #expect(json.contains("\"medianSignoffWaitHours\":null"))
        #expect(json.contains("\"cycles\":[\"2026-11\"]"))
        // Scripts may keep a month's figures and read them back.
        let full = try ThreeMonths.metrics()
        #expect(try JSONDecoder().decode(ProcessMetrics.self, from: encoder.encode(full)) == full)
    }
}
