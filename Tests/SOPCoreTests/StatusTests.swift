import SOPCore
import Testing

/// `status`: due dates, lateness and what each stage lacks, in workflow order.
@Suite struct StatusTests {
    func day(_ text: String) throws -> Day { try #require(Day(text)) }

    @Test func theReportListsStagesInWorkflowOrder() throws {
        let c = try Cycle()
        let r = c.state.report(today: Cycle.today)
        #expect(r.cycle == "2026-11")
        #expect(r.workflow == "test-sop")
        #expect(r.state == "open")
        #expect(r.stages.map(\.id) == Fixture.stageIDs)
        #expect(r.stages.map(\.title) == ["Data gathering", "Demand review", "Supply review", "Financial review", "Executive review"])
        #expect(r.stages.map(\.owner) == ["demand", "demand", "supply", "finance", "leader"])
    }

    /// November 2026 starts on a Sunday: workdays are 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, ...
    @Test(arguments: [
        ("gather", "2026-11-04"), ("demand", "2026-11-11"), ("supply", "2026-11-13"), ("finance", "2026-11-17"),
        ("exec", "2026-11-20"),
    ])
    func dueDatesAreTheNthWorkdayOfTheCycleMonth(stage: String, due: String) throws {
        let c = try Cycle()
        #expect(try c.status(stage).due == due)
    }

    @Test func aHolidayBeforeTheDueDateShiftsIt() throws {
        let holiday = WorkCalendar(holidays: [try day("2026-11-04")])
        let c = try Cycle(workflow: Fixture.workflow(calendar: holiday))
        #expect(try c.status("gather").due == "2026-11-05")
        #expect(try c.status("demand").due == "2026-11-12")
        let later = WorkCalendar(holidays: [try day("2026-11-20")])
        let d = try Cycle(workflow: Fixture.workflow(calendar: later))
        #expect(try d.status("demand").due == "2026-11-11", "a holiday after the due date changes nothing")
        #expect(try d.status("exec").due == "2026-11-23")
    }

    @Test func workdaysComeFromTheCalendar() throws {
        let sixDays = WorkCalendar(workdays: [.mon, .tue, .wed, .thu, .fri, .sat])
        let c = try Cycle(workflow: Fixture.workflow(calendar: sixDays))
        #expect(try c.status("demand").due == "2026-11-10", "Saturday the 7th counts")
    }

    @Test func theDueDateFollowsTheCycleMonth() throws {
        let c = try Cycle("2026-12", workflow: Fixture.workflow(calendar: WorkCalendar(holidays: [try day("2026-12-25")])))
        #expect(try c.status("gather").due == "2026-12-03")
        #expect(try c.status("exec").due == "2026-12-21")
    }

    @Test func stagesWithoutADueDate() throws {
        let workflow = Workflow(
            id: "w", title: "W", roles: Fixture.roles,
            stages: [Stage(id: "only", title: "Only", owner: "demand", inputs: [InputSpec(id: "x")], signoffs: ["demand"])])
        let c = try Cycle(workflow: workflow)
        let s = try c.status("only", today: try day("2026-12-31"))
        #expect(s.due == nil)
        #expect(s.overdueDays == 0)
    }

    @Test(arguments: [
        ("2026-11-02", 0, 0),  // before both due dates
        ("2026-11-04", 0, 0),  // gather's due date itself is not late
        ("2026-11-05", 1, 0),
        ("2026-11-09", 3, 0),  // the weekend does not count
        ("2026-11-11", 5, 0),
        ("2026-11-16", 8, 3),
    ])
    func overdueDaysCountWorkdaysPastDue(today: String, gather: Int, demand: Int) throws {
        let c = try Cycle()
        let t = try day(today)
        #expect(try c.status("gather", today: t).overdueDays == gather)
        #expect(try c.status("demand", today: t).overdueDays == demand, "a waiting stage can be late too")
    }

    @Test func holidaysDoNotCountAsLateDays() throws {
        let c = try Cycle(workflow: Fixture.workflow(calendar: WorkCalendar(holidays: [try day("2026-11-13")])))
        // demand due Wed 11th; Thu 12th, (Fri 13th holiday), Mon 16th
        #expect(try c.status("demand", today: try day("2026-11-16")).overdueDays == 2)
    }

    @Test func overdueIsZeroOnceDoneOrClosed() throws {
        var c = try Cycle()
        let late = try day("2026-11-30")
        #expect(try c.status("gather", today: late).overdueDays > 0)
        try c.completeGather()
        #expect(try c.status("gather", today: late).overdueDays == 0)
        // Reopened: late again.
        try c.run(.note("gather", "history", "v2"), as: "dan")
        #expect(try c.status("gather", today: late).overdueDays == 18)
        try c.run(.sign("gather"), as: "dora")
        try c.completeDemand()
        try c.completeSupply()
        try c.completeFinance()
        try c.completeExec()
        try c.run(.close, as: "maria")
        for stage in c.state.report(today: late).stages { #expect(stage.overdueDays == 0, "\(stage.id)") }
    }

    @Test func whatEachStageLacksThroughTheCycle() throws {
        var c = try Cycle()
        var demand = try c.status("demand")
        #expect(demand.state == .waiting)
        #expect(demand.blockedBy == ["gather"])
        #expect(demand.missingInputs == ["forecast", "assumptions", "dashboard"])
        #expect(demand.missingSignoffs == ["demand", "sales"])
        #expect(demand.staleSignoffs.isEmpty)
        #expect(try c.status("exec").blockedBy == ["demand", "supply", "finance"])
        #expect(try c.status("exec").missingInputs.isEmpty)

        try c.completeGather()
        try c.run(.link("demand", "dashboard", "https://bi.example.com/d"), as: "sally")
        demand = try c.status("demand")
        #expect(demand.state == .open)
        #expect(demand.blockedBy.isEmpty)
        #expect(demand.missingInputs == ["forecast", "assumptions"])

        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        try c.run(.note("demand", "assumptions", "a"), as: "dan")
        try c.run(.sign("demand", comment: "ok"), as: "sally")
        demand = try c.status("demand")
        #expect(demand.state == .review)
        #expect(demand.missingInputs.isEmpty)
        #expect(demand.missingSignoffs == ["demand"])
        #expect(demand.signoffs.map(\.role) == ["sales"])
        #expect(demand.signoffs.map(\.by) == ["sally"])
        #expect(demand.signoffs.map(\.comment) == ["ok"])
        #expect(demand.signoffs.first.map { Stamp.minute($0.at).hasPrefix("2026-11-02 ") } == true)
        #expect(demand.signoffs.first.map { Stamp.minute($0.at).hasSuffix("Z") } == true)

        try c.run(.sign("demand"), as: "dora")
        demand = try c.status("demand")
        #expect(demand.state == .done)
        #expect(demand.missingSignoffs.isEmpty)
        #expect(demand.signoffs.map(\.by) == ["dora", "sally"], "in the stage's sign-off order")
    }
}
