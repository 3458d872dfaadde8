import Foundation
import SOPCore
import SOPText
import Testing

// November 2026: Mon 2, Fri 6, Mon 9, Fri 13, Mon 16, Fri 20, Mon 23, Mon 30.
// In the Fixture workflow gather is due on workday 3 (2026-11-04), demand on workday 8 (2026-11-11),
// supply on workday 10 (2026-11-13); the tests here give supply `due: { after: demand, workdays: 2 }`.

/// `WorkCalendar.adding(workdays:to:)`: the day N workdays after a day.
@Suite struct AddingWorkdaysTests {
    let weekdays = WorkCalendar()

    @Test(arguments: ["2026-11-04", "2026-11-06", "2026-11-07", "2026-11-08"])
    func zeroWorkdaysIsTheDayItself(text: String) throws {
        #expect(weekdays.adding(workdays: 0, to: try d(text)) == (try d(text)))
    }

    @Test(arguments: [
        ("2026-11-02", 1, "2026-11-03"),
        ("2026-11-06", 1, "2026-11-09"),  // Fri + 1 -> Mon
        ("2026-11-05", 2, "2026-11-09"),  // Thu + 2 -> Mon
        ("2026-11-07", 1, "2026-11-09"),  // Sat + 1 -> Mon
        ("2026-11-08", 1, "2026-11-09"),  // Sun + 1 -> Mon
        ("2026-11-02", 5, "2026-11-09"),  // a whole week
        ("2026-11-02", 10, "2026-11-16"),
        ("2026-11-27", 1, "2026-11-30"),
        ("2026-11-30", 1, "2026-12-01"),  // across months
        ("2026-12-31", 1, "2027-01-01"),  // across years (no holidays here)
    ])
    func countsOnlyMondayToFriday(from: String, n: Int, expected: String) throws {
        #expect(weekdays.adding(workdays: n, to: try d(from))?.description == expected)
    }

    @Test func holidaysAreSkipped() throws {
        let calendar = WorkCalendar(holidays: [try d("2026-11-12"), try d("2026-12-25"), try d("2027-01-01")])
        #expect(calendar.adding(workdays: 1, to: try d("2026-11-11"))?.description == "2026-11-13")
        #expect(calendar.adding(workdays: 2, to: try d("2026-11-11"))?.description == "2026-11-16")
        #expect(calendar.adding(workdays: 1, to: try d("2026-12-24"))?.description == "2026-12-28")  // Fri 25 off, then the weekend
        #expect(calendar.adding(workdays: 2, to: try d("2026-12-31"))?.description == "2027-01-05")  // Fri 1 off
        // A holiday as the starting day counts for nothing; the next workdays do.
        #expect(calendar.adding(workdays: 1, to: try d("2026-11-12"))?.description == "2026-11-13")
    }

    @Test func otherWorkweeks() throws {
        let monToThu = WorkCalendar(workdays: [.mon, .tue, .wed, .thu])
        #expect(monToThu.adding(workdays: 1, to: try d("2026-11-05"))?.description == "2026-11-09")  // Thu -> Mon
        let sunToThu = WorkCalendar(workdays: [.sun, .mon, .tue, .wed, .thu])
        #expect(sunToThu.adding(workdays: 1, to: try d("2026-11-05"))?.description == "2026-11-08")  // Thu -> Sun
    }

    @Test func noWorkdaysMeansNoDay() throws {
        #expect(WorkCalendar(workdays: []).adding(workdays: 1, to: try d("2026-11-02")) == nil)
        #expect(WorkCalendar(workdays: []).adding(workdays: 10, to: try d("2026-11-02")) == nil)
    }

    /// `adding` and `workdaysBetween` agree: N workdays after a day are N workdays between them.
    @Test func addingAgreesWithWorkdaysBetween() throws {
        let calendar = WorkCalendar(holidays: [try d("2026-11-12"), try d("2026-12-25")])
        var start = try d("2026-11-01")
        for _ in 0..<60 {
            for n in 0...12 {
                let end = try #require(calendar.adding(workdays: n, to: start))
                #expect(calendar.workdaysBetween(start, end) == n, "\(start) + \(n) = \(end)")
                if n > 0 { #expect(calendar.isWorkday(end), "\(start) + \(n) = \(end) is not a workday") }
            }
            start = start.adding(days: 1)
        }
    }
}

/// `Day(containing:in:)`: the wall-calendar day of a moment in a time zone.
@Suite struct DayContainingTests {
    @Test func readsTheDayInTheGivenZone() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let auckland = try #require(TimeZone(identifier: "Pacific/Auckland"))  // UTC+13 in November
        let losAngeles = try #require(TimeZone(identifier: "America/Los_Angeles"))  // UTC-8 in November
        let noon = DatedCycle.noon(try d("2026-11-09"))
        #expect(Day(containing: noon, in: utc) == (try d("2026-11-09")))
        #expect(Day(containing: noon, in: auckland) == (try d("2026-11-10")))
        #expect(Day(containing: noon, in: losAngeles) == (try d("2026-11-09")))
        let early = noon.addingTimeInterval(-11 * 3_600)  // 01:00 UTC
        #expect(Day(containing: early, in: utc) == (try d("2026-11-09")))
        #expect(Day(containing: early, in: losAngeles) == (try d("2026-11-08")))
    }
}

/// DESIGN.md, "One calendar": the workflow's zone decides the day, else the record's, and the moment a
/// Lyon planner and a Chicago planner share is one day for both.
@Suite struct CalendarZoneTests {
    @Test func theWorkflowsZoneWinsOverTheRecordsAndEitherOverNone() throws {
        let lateEvening = DatedCycle.noon(try d("2026-11-30")).addingTimeInterval(11 * 3_600 + 1_800)  // 23:30 UTC
        var calendar = WorkCalendar()
        #expect(calendar.day(containing: lateEvening) == (try d("2026-11-30")), "no zone anywhere: UTC")
        calendar.recordZone = "America/Chicago"
        #expect(calendar.day(containing: lateEvening) == (try d("2026-11-30")), "17:30 in Chicago")
        calendar.zone = "Europe/Paris"
        #expect(calendar.day(containing: lateEvening) == (try d("2026-12-01")), "00:30 in Lyon")
        // The record's zone is the store's, never written into the workflow's JSON.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let json = String(decoding: try encoder.encode(calendar), as: UTF8.self)
        #expect(json.contains("Europe/Paris") && !json.contains("Chicago"), "\(json)")
    }

    @Test func aStageIsLateOnTheSameDayForEveryone() throws {
        var workflow = Fixture.workflow()
        workflow.calendar.zone = "Europe/Paris"
        let cycle = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        let stage = try #require(workflow.stages.first)
        let due = try #require(cycle.state.dueDate(of: stage))
        // The evening of the due day in Chicago is the next morning in Lyon: late by one, for both.
        let chicagoEvening = DatedCycle.noon(due).addingTimeInterval(11 * 3_600 + 1_800)
        let today = workflow.calendar.day(containing: chicagoEvening)
        #expect(today > due)
        #expect(cycle.state.timing(of: stage, today: today).workdaysLate >= (workflow.calendar.isWorkday(today) ? 1 : 0))
    }
}

@Suite struct RelativeDueTests {
    static let rule = DueRule.after(stage: "demand", workdays: 2)
    /// supply falls due 2 workdays after demand is done.
    static let workflow = Fixture.workflow().changing("supply") { $0.due = RelativeDueTests.rule }

    /// gather done on Mon 2, demand filled on Tue 3 and signed by dan on Wed 4 (still in review).
    func demandInReview() throws -> DatedCycle {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.fillDemand(on: try d("2026-11-03"))
        try c.run(.sign("demand"), as: "dan", on: try d("2026-11-04"))
        return c
    }

    /// ...and demand signed by sally on Thu 5: supply is due Mon 9.
    func demandDoneOnThursday() throws -> DatedCycle {
        var c = try demandInReview()
        try c.run(.sign("demand"), as: "sally", on: try d("2026-11-05"))
        return c
    }

    // MARK: due date

    @Test func noDueDateWhileTheAnchorIsNotDone() throws {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        let supply = try c.stage("supply")
        #expect(c.state.dueDate(of: supply) == nil)  // demand waiting
        try c.completeGather(on: try d("2026-11-02"))
        #expect(c.state.state(of: "demand") == .open)
        #expect(c.state.dueDate(of: supply) == nil)
        c = try demandInReview()
        #expect(c.state.state(of: "demand") == .review)
        #expect(c.state.dueDate(of: supply) == nil)

        // Undated, the stage is never late, however late it gets.
        let timing = try c.timing("supply", on: try d("2026-11-30"))
        #expect(timing.rule == Self.rule)
        #expect(timing.due == nil)
        #expect(timing.completedOn == nil)
        #expect(timing.workdaysLate == 0)
        #expect(timing.workdaysLeft == nil)
        #expect(!timing.isOverdue)
    }

    @Test func dueCountsFromTheDayTheAnchorWasDone() throws {
        let c = try demandDoneOnThursday()
        #expect(c.state.state(of: "demand") == .done)
        #expect(c.state.dueDate(of: try c.stage("supply")) == (try d("2026-11-09")))  // Thu 5 + 2 = Mon 9
        #expect(try c.timing("supply", on: try d("2026-11-05")).due == (try d("2026-11-09")))
        // Fixed rules are untouched: demand itself is due on workday 8.
        #expect(c.state.dueDate(of: try c.stage("demand")) == (try d("2026-11-11")))
    }

    @Test func aHolidayPushesTheRelativeDueDate() throws {
        let workflow = Fixture.workflow(calendar: WorkCalendar(holidays: [try d("2026-11-06")])).changing("supply") {
            $0.due = Self.rule
        }
        var c = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-05"))
        #expect(c.state.dueDate(of: try c.stage("supply")) == (try d("2026-11-10")))  // Fri 6 off: Mon 9, Tue 10
    }

    @Test func aWaivedAnchorCountsFromTheWaiver() throws {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.run(.waive("demand", "no new forecast this month"), as: "maria", on: try d("2026-11-06"))
        #expect(c.state.state(of: "demand") == .waived)
        #expect(c.state.dueDate(of: try c.stage("supply")) == (try d("2026-11-10")))  // Fri 6 + 2 = Tue 10
    }

    @Test func theDueDateMovesWhenTheAnchorReopensAndIsDoneAgain() throws {
        var c = try demandDoneOnThursday()
        let supply = try c.stage("supply")
        #expect(c.state.dueDate(of: supply) == (try d("2026-11-09")))

        try c.reopenDemand(on: try d("2026-11-10"))
        #expect(c.state.state(of: "demand") == .review)
        #expect(c.state.dueDate(of: supply) == nil)
        // Past the old due day, but with no due date supply is not late.
        let undated = try c.timing("supply", on: try d("2026-11-11"))
        #expect(undated.due == nil)
        #expect(undated.workdaysLate == 0)
        #expect(!undated.isOverdue)

        try c.resignDemand(on: try d("2026-11-12"))
        #expect(c.state.state(of: "demand") == .done)
        #expect(c.state.dueDate(of: supply) == (try d("2026-11-16")))  // Thu 12 + 2 = Mon 16
        let again = try c.timing("supply", on: try d("2026-11-13"))
        #expect(again.workdaysLeft == 1)
        #expect(again.workdaysLate == 0)
    }

    // MARK: timing

    @Test(arguments: [
        ("2026-11-05", 2 as Int?, 0),
        ("2026-11-06", 1, 0),
        ("2026-11-07", 1, 0),  // Saturday: Monday is still one workday away
        ("2026-11-09", 0, 0),  // the due day
        ("2026-11-10", nil, 1),
        ("2026-11-13", nil, 4),
        ("2026-11-16", nil, 5),
    ])
    func anOpenStageCountsDownThenLate(today: String, left: Int?, late: Int) throws {
        let c = try demandDoneOnThursday()
        #expect(c.state.state(of: "supply") == .open)
        let timing = try c.timing("supply", on: try d(today))
        #expect(timing.due == (try d("2026-11-09")))
        #expect(timing.workdaysLeft == left)
        #expect(timing.workdaysLate == late)
        #expect(timing.isOverdue == (late > 0))
        #expect(timing.completedOn == nil)
    }

    /// The days after a due day that are not workdays (the weekend after a Friday, a holiday) are not a
    /// workday late yet; but the due day has passed, so there is nothing left to count down either.
    @Test(arguments: [("2026-11-14", [String]()), ("2026-11-15", []), ("2026-11-16", ["2026-11-16"])])
    func theDaysAfterTheDueDayBeforeTheNextWorkday(today: String, holidays: [String]) throws {
        let workflow = Fixture.workflow(calendar: WorkCalendar(holidays: try holidays.map(d)))
        var c = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-02"))
        let timing = try c.timing("supply", on: try d(today))  // due Fri 2026-11-13
        #expect(timing.due == (try d("2026-11-13")))
        #expect(timing.workdaysLate == 0)
        #expect(!timing.isOverdue)
        let status = try c.status("supply", on: try d(today))
        // Past the due day but not yet a workday late: neither "left" nor "late".
        #expect(timing.workdaysLeft == nil)
        #expect(status.workdaysLeft == nil)
    }

    @Test func doneLateKeepsItsLatenessFromTheCompletionDay() throws {
        var c = try demandDoneOnThursday()
        try c.completeSupply(on: try d("2026-11-11"))
        for today in ["2026-11-11", "2026-11-20", "2026-11-30"] {
            let timing = try c.timing("supply", on: try d(today))
            #expect(timing.completedOn == (try d("2026-11-11")))
            #expect(timing.workdaysLate == 2, "on \(today)")
            #expect(timing.workdaysLeft == nil)
            #expect(!timing.isOverdue)
        }
    }

    @Test(arguments: ["2026-11-06", "2026-11-09"])
    func doneOnTimeIsNotLate(doneOn: String) throws {
        var c = try demandDoneOnThursday()
        try c.completeSupply(on: try d(doneOn))
        let timing = try c.timing("supply", on: try d("2026-11-20"))
        #expect(timing.completedOn == (try d(doneOn)))
        #expect(timing.workdaysLate == 0)
        #expect(timing.workdaysLeft == nil)
        #expect(!timing.isOverdue)
    }

    @Test func waivedLateCountsAsCompletedLate() throws {
        var c = try demandDoneOnThursday()
        try c.run(.waive("supply", "capacity plan unchanged"), as: "maria", on: try d("2026-11-12"))
        let timing = try c.timing("supply", on: try d("2026-11-20"))
        #expect(timing.completedOn == (try d("2026-11-12")))
        #expect(timing.workdaysLate == 3)
        #expect(!timing.isOverdue)
    }

    /// A stage that reopens is measured again as open: its old completion day no longer counts, and
    /// reopened after its due day it is due again the day it reopened (rework is not late for the
    /// days before it existed).
    @Test func aReopenedStageIsOpenAgainInItsTiming() throws {
        var c = try DatedCycle(on: try d("2026-11-02"))  // fixed dues: demand on 2026-11-11
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-05"))
        #expect(try c.timing("demand", on: try d("2026-11-16")).completedOn == (try d("2026-11-05")))
        try c.reopenDemand(on: try d("2026-11-12"))
        let timing = try c.timing("demand", on: try d("2026-11-16"))
        #expect(timing.completedOn == nil)
        #expect(timing.workdaysLate == 2)  // Fri 13, Mon 16: counted from Thu 12, when it reopened
        #expect(timing.reopenedOn == (try d("2026-11-12")))
        #expect(timing.deliveredOn == (try d("2026-11-05")))
        #expect(timing.isOverdue)
    }

    /// A closed cycle's open stages stop counting at the close. `close` refuses with open stages, so the
    /// log is written directly (a cycle closed by an older `sop`, or a stage past due when folded).
    @Test func aClosedCycleStopsCountingAtTheClose() throws {
        var c = try DatedCycle(on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.record(.cycleClosed(CycleClosed()), as: "maria", on: try d("2026-11-13"))
        #expect(c.state.isClosed)
        let timing = try c.timing("demand", on: try d("2026-11-30"))
        #expect(timing.workdaysLate == 2)  // due Wed 11: Thu 12, Fri 13
        #expect(timing.workdaysLeft == nil)
        #expect(timing.isOverdue)
        // Not yet due at the close: no countdown in a closed cycle either.
        let exec = try c.timing("exec", on: try d("2026-11-16"))
        #expect(exec.workdaysLate == 0)
        #expect(exec.workdaysLeft == nil)
    }

    // MARK: status

    @Test func statusWhileUndated() throws {
        let c = try demandInReview()
        let supply = try c.status("supply", on: try d("2026-11-20"))
        #expect(supply.state == .waiting)
        #expect(supply.due == nil)
        #expect(supply.dueRule == "+2 after demand")
        #expect(supply.overdueDays == 0)
        #expect(supply.workdaysLeft == nil)
        #expect(supply.completedOn == nil)
        #expect(supply.completedLate == 0)

        let gather = try c.status("gather", on: try d("2026-11-20"))
        #expect(gather.dueRule == "workday 3")
        #expect(gather.due == "2026-11-04")
        #expect(gather.completedOn == "2026-11-02")
        #expect(gather.completedLate == 0)
        #expect(gather.workdaysLeft == nil)
    }

    @Test func statusCountsDownOverdueAndDoneLate() throws {
        var c = try demandDoneOnThursday()
        let before = try c.status("supply", on: try d("2026-11-06"))
        #expect(before.due == "2026-11-09")
        #expect(before.dueRule == "+2 after demand")
        #expect(before.workdaysLeft == 1)
        #expect(before.overdueDays == 0)
        #expect(before.completedOn == nil)
        #expect(before.completedLate == 0)

        let dueDay = try c.status("supply", on: try d("2026-11-09"))
        #expect(dueDay.workdaysLeft == 0)
        #expect(dueDay.overdueDays == 0)

        let late = try c.status("supply", on: try d("2026-11-12"))
        #expect(late.overdueDays == 3)
        #expect(late.workdaysLeft == nil)
        #expect(late.completedOn == nil)
        #expect(late.completedLate == 0)

        try c.completeSupply(on: try d("2026-11-12"))
        let done = try c.status("supply", on: try d("2026-11-20"))
        #expect(done.state == .done)
        #expect(done.due == "2026-11-09")
        #expect(done.overdueDays == 0)
        #expect(done.workdaysLeft == nil)
        #expect(done.completedOn == "2026-11-12")
        #expect(done.completedLate == 3)
    }

    @Test func aStageWithoutADueRule() throws {
        let workflow = Fixture.workflow().changing("finance") { $0.due = nil }
        let c = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        let finance = try c.status("finance", on: try d("2026-11-30"))
        #expect(finance.due == nil)
        #expect(finance.dueRule == nil)
        #expect(finance.overdueDays == 0)
        #expect(finance.workdaysLeft == nil)
        #expect(try c.timing("finance", on: try d("2026-11-30")).rule == nil)
    }

    @Test func statusJSONCarriesTheNewFields() throws {
        var c = try demandDoneOnThursday()
        try c.completeSupply(on: try d("2026-11-12"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(try c.status("supply", on: try d("2026-11-20")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["dueRule"] as? String == "+2 after demand")
        #expect(json["due"] as? String == "2026-11-09")
        #expect(json["completedOn"] as? String == "2026-11-12")
        #expect(json["completedLate"] as? Int == 3)
        #expect(json["overdueDays"] as? Int == 0)
        let back = try JSONDecoder().decode(StageStatus.self, from: data)
        #expect(back == (try c.status("supply", on: try d("2026-11-20"))))
    }

    // MARK: explain

    @Test func explainSaysWhenAnUndatedStageFallsDue() throws {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        let waiting = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: try d("2026-11-03")))
        #expect(waiting.contains("It falls due 2 workdays after demand is done; demand is waiting."))
        #expect(!waiting.contains { $0.hasPrefix("It is due") || $0.hasPrefix("It was due") })

        try c.completeGather(on: try d("2026-11-02"))
        try c.fillDemand(on: try d("2026-11-03"))
        let review = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: try d("2026-11-03")))
        #expect(review.contains("It falls due 2 workdays after demand is done; demand is review."))

        try c.resignDemand(on: try d("2026-11-05"))
        let dated = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: try d("2026-11-06")))
        #expect(dated.contains("It is due 2026-11-09."))
        #expect(!dated.contains { $0.hasPrefix("It falls due") })
        let late = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: try d("2026-11-11")))
        #expect(late.contains("It was due 2026-11-09 and is 2 workdays late."))
    }

    @Test func explainSaysOneWorkdayInTheSingular() throws {
        let workflow = Fixture.workflow().changing("supply") { $0.due = .after(stage: "demand", workdays: 1) }
        let c = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        let lines = ExplanationText.lines(try c.state.explain("supply", team: c.team, today: try d("2026-11-03")))
        #expect(lines.contains("It falls due 1 workday after demand is done; demand is waiting."))
        #expect(try c.status("supply", on: try d("2026-11-03")).dueRule == "+1 after demand")
    }
}

/// `DueRule` as stored in the workflow model: a bare number, or `{after, workdays}`.
@Suite struct DueRuleCodingTests {
    func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func aWorkdayIsABareNumber() throws {
        let rule: DueRule = 9
        #expect(rule == .workday(9))
        #expect(try encoded(rule) == "9")
        #expect(try JSONDecoder().decode(DueRule.self, from: Data("9".utf8)) == .workday(9))
        #expect(rule.written == "workday 9")
    }

    @Test func aRelativeRuleIsAnObject() throws {
        let rule = DueRule.after(stage: "demand-review", workdays: 2)
        #expect(try encoded(rule) == #"{"after":"demand-review","workdays":2}"#)
        #expect(try JSONDecoder().decode(DueRule.self, from: Data(#"{"workdays":2,"after":"demand-review"}"#.utf8)) == rule)
        #expect(rule.written == "+2 after demand-review")
    }

    @Test(arguments: [#""9""#, #"{"after":"demand"}"#, #"{"workdays":2}"#, #"{"after":3,"workdays":2}"#, "true", "null"])
    func refusesOtherShapes(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(DueRule.self, from: Data(json.utf8)) }
    }

    @Test func aWorkflowWithBothFormsRoundTrips() throws {
        let workflow = Fixture.workflow().changing("supply") { $0.due = .after(stage: "demand", workdays: 2) }
        let data = try JSONEncoder().encode(workflow)
        let back = try JSONDecoder().decode(Workflow.self, from: data)
        #expect(back == workflow)
        #expect(back.stage("supply")?.due == .after(stage: "demand", workdays: 2))
        #expect(back.stage("gather")?.due == .workday(3))
    }

    /// A workflow model stored by an older `sop`: `due` a bare number (or absent), days as objects, no
    /// `requires`, `deciders`, `agenda`, workflow ladders or `notify`.
    @Test func decodesAnOldStoredModel() throws {
        let old = #"""
            {"id":"old-sop","title":"Old S&OP",
             "calendar":{"workdays":["mon","tue","wed","thu","fri"],"holidays":[{"year":2026,"month":12,"day":25}]},
             "roles":[{"id":"leader","title":"Leader"},{"id":"sponsor","title":"Sponsor"},{"id":"demand","title":"Demand"}],
             "stages":[
               {"id":"demand","title":"Demand review","owner":"demand","after":[],"due":8,"contributors":[],
                "inputs":[{"id":"forecast","title":"Forecast","format":"csv","columns":["family"]}],
                "signoffs":["demand"],"escalation":[{"after":1,"notify":["leader"]}]},
               {"id":"exec","title":"Executive review","owner":"leader","after":["demand"],"contributors":[],
                "inputs":[],"signoffs":["sponsor"],"escalation":[]}
             ]}
            """#
        let workflow = try JSONDecoder().decode(Workflow.self, from: Data(old.utf8))
        #expect(workflow.stage("demand")?.due == .workday(8))
        #expect(workflow.stage("demand")?.escalation == [EscalationStep(after: 1, notify: ["leader"])])
        #expect(workflow.stage("exec")?.due == nil)
        #expect(workflow.stage("exec")?.requires == [])
        #expect(workflow.calendar.holidays == [Day(year: 2026, month: 12, day: 25)])
        #expect(workflow.signoffEscalation == [])
        #expect(workflow.actionEscalation == [])
        #expect(workflow.notify == nil)
        #expect(workflow.deciders == [])
        #expect(workflow.agenda == AgendaSources())
    }
}
