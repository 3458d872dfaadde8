import Foundation
import SOPCore
import SOPText
import Testing

// November 2026: Mon 2, Fri 6, Mon 9, Fri 13, Mon 16, Tue 17, Wed 18, Fri 20, Mon 23, Fri 27, Mon 30.
// In the Fixture workflow demand is due on 2026-11-11 (workday 8) and supply on 2026-11-13 (workday 10).
// Team order: maria (leader), omar (sponsor), dan, dora (demand), sally (sales), kim (demand, sales),
// paul (supply), fiona (finance).

/// Shared set-ups for the escalation tests.
enum Ladders {
    /// `escalation: [after 1 -> owner, after 3 -> leader, after 5 -> sponsor]` on supply.
    static let supplyLadder = [
        EscalationStep(after: 1, notify: [EscalationStep.ownerAlias]),
        EscalationStep(after: 3, notify: ["leader"]),
        EscalationStep(after: 5, notify: ["sponsor"]),
    ]

    static func supplyWorkflow(_ ladder: [EscalationStep] = supplyLadder) -> Workflow {
        Fixture.workflow().changing("supply") { $0.escalation = ladder }
    }

    /// gather and demand done on Mon 2: supply is open from then on, due Fri 13.
    static func supplyOpen(_ workflow: Workflow = supplyWorkflow(), team: Team = Fixture.team) throws -> DatedCycle {
        var c = try DatedCycle(workflow: workflow, team: team, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-02"))
        return c
    }

    static func lateSupply(number: Int, level: Int, workdays: Int, late: Int, roles: [String], told: [String]) -> EscalationRaised {
        EscalationRaised(
            number: number, subject: .lateStage("supply"), level: level, workdays: workdays, roles: roles, told: told, unheld: [],
            lateness: late)
    }

    /// An `escalation-raised` event as the store records it.
    static func event(_ payload: EventPayload, cycle: String, on day: Day) -> CycleEvent {
        CycleEvent(cycle: cycle, time: DatedCycle.noon(day), actor: "system", payload: payload)
    }
}

@Suite struct StageLadderTests {
    @Test(arguments: ["2026-11-02", "2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15"])
    func nothingUpToTheDueDayOrOverTheWeekendAfter(today: String) throws {
        let c = try Ladders.supplyOpen()
        #expect(c.state.state(of: "supply") == .open)
        #expect(c.check(try d(today)).raises(numberingFrom: 1) == [])
    }

    @Test func levelOneTheWorkdayAfterDueTellsTheOwnerRole() throws {
        let c = try Ladders.supplyOpen()
        let raised = c.check(try d("2026-11-16")).raises(numberingFrom: 1)
        #expect(raised == [
            .escalationRaised(Ladders.lateSupply(number: 1, level: 1, workdays: 1, late: 1, roles: ["supply"], told: ["paul"]))
        ])
        #expect(raised.first?.raised?.words == "supply is 1 workday late, level 1")
    }

    @Test func theOwnerRoleMayHaveSeveralHolders() throws {
        let workflow = Fixture.workflow().changing("demand") { $0.escalation = [EscalationStep(after: 1, notify: ["owner"])] }
        var c = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        let raised = try #require(c.check(try d("2026-11-12")).raises(numberingFrom: 4).first?.raised)
        #expect(raised.subject == .lateStage("demand"))
        #expect(raised.number == 4)
        #expect(raised.roles == ["demand"])
        #expect(raised.told == ["dan", "dora", "kim"])  // team order
        #expect(raised.words == "demand is 1 workday late, level 1")
    }

    @Test func threeWorkdaysLateRaisesTheFirstTwoRungs() throws {
        let c = try Ladders.supplyOpen()
        let raised = c.check(try d("2026-11-18")).raises(numberingFrom: 1).compactMap(\.raised)
        #expect(raised == [
            Ladders.lateSupply(number: 1, level: 1, workdays: 3, late: 3, roles: ["supply"], told: ["paul"]),
            Ladders.lateSupply(number: 2, level: 2, workdays: 3, late: 3, roles: ["leader"], told: ["maria"]),
        ])
        #expect(raised.map(\.words) == ["supply is 3 workdays late, level 1", "supply is 3 workdays late, level 2"])
    }

    @Test func aJumpOfFiveWorkdaysRaisesEveryRungNumberedInTurn() throws {
        let c = try Ladders.supplyOpen()
        let raised = c.check(try d("2026-11-20")).raises(numberingFrom: 7).compactMap(\.raised)
        #expect(raised == [
            Ladders.lateSupply(number: 7, level: 1, workdays: 5, late: 5, roles: ["supply"], told: ["paul"]),
            Ladders.lateSupply(number: 8, level: 2, workdays: 5, late: 5, roles: ["leader"], told: ["maria"]),
            Ladders.lateSupply(number: 9, level: 3, workdays: 5, late: 5, roles: ["sponsor"], told: ["omar"]),
        ])
    }

    /// The raised events, folded into a register, stop the same rungs firing again.
    @Test func raisedRungsAreNotRaisedAgain() throws {
        let c = try Ladders.supplyOpen()
        let monday = try d("2026-11-16")
        let first = c.check(monday).raises(numberingFrom: 1)
        #expect(first.count == 1)
        var register = EscalationRegister()
        for payload in first { register.apply(Ladders.event(payload, cycle: "2026-11", on: monday)) }
        #expect(register.live.map(\.number) == [1])

        func check(_ today: Day) -> EscalationCheck {
            EscalationCheck(cycle: c.state, team: c.team, today: today, register: c.register, escalations: register)
        }
        #expect(check(monday).raises(numberingFrom: 2) == [])
        #expect(check(monday).resolutions().worded == [])
        #expect(check(try d("2026-11-17")).raises(numberingFrom: 2) == [])  // 2 late: no new rung yet

        let wednesday = check(try d("2026-11-18")).raises(numberingFrom: 2)
        #expect(wednesday == [
            .escalationRaised(Ladders.lateSupply(number: 2, level: 2, workdays: 3, late: 3, roles: ["leader"], told: ["maria"]))
        ])
        for payload in wednesday { register.apply(Ladders.event(payload, cycle: "2026-11", on: try d("2026-11-18"))) }
        #expect(check(try d("2026-11-18")).raises(numberingFrom: 3) == [])
        #expect(check(try d("2026-11-20")).raises(numberingFrom: 3).compactMap(\.raised).map(\.level) == [3])
        #expect(check(try d("2026-11-20")).raises(numberingFrom: 3).compactMap(\.raised).map(\.number) == [3])
    }

    @Test func escalateRunTwiceRaisesOnce() throws {
        var c = try Ladders.supplyOpen()
        #expect(try c.escalate(on: try d("2026-11-18")).map(\.number) == [1, 2])
        #expect(try c.escalate(on: try d("2026-11-18")) == [])
        #expect(try c.escalate(on: try d("2026-11-19")) == [])
        #expect(try c.escalate(on: try d("2026-11-20")).map(\.level) == [3])
        #expect(c.escalations.live.map(\.number) == [1, 2, 3])
        #expect(c.escalations.live.allSatisfy { $0.cycle == "2026-11" && $0.subject == .lateStage("supply") })
    }

    /// A stage escalation belongs to its cycle: last month's does not stop this month's.
    @Test func anotherCyclesEscalationDoesNotCount() throws {
        let c = try Ladders.supplyOpen()
        var register = EscalationRegister()
        register.apply(Ladders.event(
            .escalationRaised(Ladders.lateSupply(number: 1, level: 1, workdays: 1, late: 1, roles: ["supply"], told: ["paul"])),
            cycle: "2026-10", on: try d("2026-10-19")))
        let check = EscalationCheck(cycle: c.state, team: c.team, today: try d("2026-11-16"), register: c.register, escalations: register)
        #expect(check.raises(numberingFrom: 2).compactMap(\.raised).map(\.level) == [1])
    }

    /// A resolved escalation ended its episode: if the stage is late again, the rung fires again.
    @Test func aResolvedEscalationDoesNotBlockANewEpisode() throws {
        let c = try Ladders.supplyOpen()
        var register = EscalationRegister()
        register.apply(Ladders.event(
            .escalationRaised(Ladders.lateSupply(number: 1, level: 1, workdays: 1, late: 1, roles: ["supply"], told: ["paul"])),
            cycle: "2026-11", on: try d("2026-11-16")))
        register.apply(Ladders.event(
            .escalationResolved(EscalationResolved(number: 1, because: "supply is no longer past due")), cycle: "2026-11",
            on: try d("2026-11-16")))
        let check = EscalationCheck(cycle: c.state, team: c.team, today: try d("2026-11-17"), register: c.register, escalations: register)
        #expect(check.raises(numberingFrom: 2).compactMap(\.raised).map(\.number) == [2])
    }

    @Test func waitingStagesAreNeverEscalated() throws {
        var c = try DatedCycle(workflow: Ladders.supplyWorkflow(), on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        let today = try d("2026-11-30")
        #expect(c.state.state(of: "supply") == .waiting)
        #expect(try c.timing("supply", on: today).isOverdue)  // late by the calendar, but it waits for demand
        #expect(c.check(today).raises(numberingFrom: 1) == [])
    }

    @Test func doneStagesAreNotEscalated() throws {
        var c = try Ladders.supplyOpen()
        try c.completeSupply(on: try d("2026-11-17"))
        #expect(try c.timing("supply", on: try d("2026-11-30")).workdaysLate == 2)
        #expect(c.check(try d("2026-11-30")).raises(numberingFrom: 1) == [])
    }

    @Test func waivedStagesAreNotEscalated() throws {
        var c = try Ladders.supplyOpen()
        try c.run(.waive("supply", "plan unchanged"), as: "maria", on: try d("2026-11-17"))
        #expect(c.check(try d("2026-11-30")).raises(numberingFrom: 1) == [])
    }

    @Test func aStageInReviewIsStillChasedForItsDueDate() throws {
        var c = try Ladders.supplyOpen()
        try c.run(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul", on: try d("2026-11-12"))
        #expect(c.state.state(of: "supply") == .review)
        #expect(c.check(try d("2026-11-16")).raises(numberingFrom: 1).compactMap(\.raised).map(\.subject) == [.lateStage("supply")])
    }

    /// `close` refuses while stages are open, so the close is written to the log directly: whatever a
    /// closed cycle holds, it raises nothing, not even for an overdue action.
    @Test func aClosedCycleRaisesNothing() throws {
        var workflow = Ladders.supplyWorkflow()
        workflow.signoffEscalation = [EscalationStep(after: 1, notify: ["leader"])]
        workflow.actionEscalation = [EscalationStep(after: 1, notify: ["owner"])]
        var c = try Ladders.supplyOpen(workflow)
        try c.run(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul", on: try d("2026-11-03"))
        try c.run(.action("Book overtime", owner: "paul", due: try d("2026-11-16")), as: "maria", on: try d("2026-11-03"))
        let today = try d("2026-11-20")
        #expect(c.check(today).raises(numberingFrom: 1).count == 5)  // supply late 1-3, sign-off wait, A-1
        try c.record(.cycleClosed(CycleClosed()), as: "maria", on: try d("2026-11-18"))
        #expect(c.state.isClosed)
        #expect(c.check(today).raises(numberingFrom: 1) == [])
    }

    // MARK: gate-open grace

    /// supply (due Fri 13) opens only on Tue 17, when demand is done: it is chased from Tue 17, but the
    /// message says how late it really is.
    @Test func aStageOpenedAfterItsDueDayIsChasedFromTheDayItOpened() throws {
        var c = try DatedCycle(workflow: Ladders.supplyWorkflow(), on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-17"))
        #expect(c.state.state(of: "supply") == .open)

        #expect(try c.timing("supply", on: try d("2026-11-17")).workdaysLate == 2)
        #expect(c.check(try d("2026-11-17")).raises(numberingFrom: 1) == [])

        #expect(c.check(try d("2026-11-18")).raises(numberingFrom: 1) == [
            .escalationRaised(Ladders.lateSupply(number: 1, level: 1, workdays: 1, late: 3, roles: ["supply"], told: ["paul"]))
        ])
        let friday = c.check(try d("2026-11-20")).raises(numberingFrom: 1).compactMap(\.raised)
        #expect(friday.map(\.level) == [1, 2])
        #expect(friday.map(\.workdays) == [3, 3])
        #expect(friday.map(\.words) == ["supply is 5 workdays late, level 1", "supply is 5 workdays late, level 2"])
    }

    /// A stage that could be worked before its due day is chased from the due day, as usual.
    @Test func aStageOpenedBeforeItsDueDayIsChasedFromTheDueDay() throws {
        var c = try DatedCycle(workflow: Ladders.supplyWorkflow(), on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-12"))
        #expect(c.check(try d("2026-11-18")).raises(numberingFrom: 1).compactMap(\.raised).map(\.level) == [1, 2])
    }

    // MARK: unheld roles and who is told

    @Test func aRoleNobodyHoldsIsListedAsUnheld() throws {
        let c = try Ladders.supplyOpen(Ladders.supplyWorkflow([EscalationStep(after: 1, notify: ["owner", "cfo"])]))
        let raised = try #require(c.check(try d("2026-11-16")).raises(numberingFrom: 1).first?.raised)
        #expect(raised.roles == ["supply", "cfo"])
        #expect(raised.told == ["paul"])
        #expect(raised.unheld == ["cfo"])
    }

    @Test func anUnheldOwnerRoleStillRaisesSoTheGapShows() throws {
        let team = Team(participants: Fixture.team.participants.filter { $0.id != "paul" })
        let c = try Ladders.supplyOpen(team: team)
        let raised = try #require(c.check(try d("2026-11-16")).raises(numberingFrom: 1).first?.raised)
        #expect(raised.roles == ["supply"])
        #expect(raised.told == [])
        #expect(raised.unheld == ["supply"])
        #expect(raised.words == "supply is 1 workday late, level 1")
    }

    @Test func rolesAreListedOnceAndPeopleToldInTeamOrder() throws {
        let c = try Ladders.supplyOpen(Ladders.supplyWorkflow([
            EscalationStep(after: 1, notify: ["sponsor", "owner", "supply", "leader", "leader"])
        ]))
        let raised = try #require(c.check(try d("2026-11-16")).raises(numberingFrom: 1).first?.raised)
        #expect(raised.roles == ["sponsor", "supply", "leader"])
        #expect(raised.told == ["maria", "omar", "paul"])
        #expect(raised.unheld == [])
    }

    // MARK: resolutions

    @Test func aDoneStageResolvesItsEscalations() throws {
        var c = try Ladders.supplyOpen()
        #expect(try c.escalate(on: try d("2026-11-18")).map(\.number) == [1, 2])
        #expect(c.check(try d("2026-11-18")).resolutions().worded == [])  // still late
        try c.completeSupply(on: try d("2026-11-19"))
        #expect(c.check(try d("2026-11-19")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "supply is done")),
            .escalationResolved(EscalationResolved(number: 2, because: "supply is done")),
        ])
        try c.escalate(on: try d("2026-11-19"))
        #expect(c.escalations.live == [])
        #expect(c.escalations.all.map(EscalationWords.resolution) == ["supply is done", "supply is done"])
        #expect(c.check(try d("2026-11-20")).resolutions().worded == [])
    }

    @Test func aWaivedStageResolvesItsEscalations() throws {
        var c = try Ladders.supplyOpen()
        try c.escalate(on: try d("2026-11-16"))
        try c.run(.waive("supply", "plan unchanged"), as: "maria", on: try d("2026-11-17"))
        #expect(c.check(try d("2026-11-17")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "supply was waived"))
        ])
    }

    @Test func anotherCyclesEscalationsAreLeftAlone() throws {
        var c = try Ladders.supplyOpen()
        try c.completeSupply(on: try d("2026-11-03"))
        var register = EscalationRegister()
        register.apply(Ladders.event(
            .escalationRaised(Ladders.lateSupply(number: 1, level: 1, workdays: 1, late: 1, roles: ["supply"], told: ["paul"])),
            cycle: "2026-10", on: try d("2026-10-19")))
        register.apply(Ladders.event(
            .escalationRaised(EscalationRaised(
                number: 2, subject: .signoffWait("demand"), level: 1, workdays: 2, roles: ["sales"], told: ["sally"], unheld: [],
                message: "demand has waited 2 workdays for sign-off, level 1")),
            cycle: "2026-10", on: try d("2026-10-19")))
        let check = EscalationCheck(cycle: c.state, team: c.team, today: try d("2026-11-16"), register: c.register, escalations: register)
        #expect(c.state.state(of: "supply") == .done)
        #expect(c.state.state(of: "demand") == .done)
        #expect(check.resolutions().worded == [])
    }

    /// supply falls due 2 workdays after demand: when demand reopens, supply has no due date and its
    /// lateness escalation ends.
    @Test func aStageNoLongerPastDueResolves() throws {
        let workflow = Ladders.supplyWorkflow([EscalationStep(after: 1, notify: ["owner"])]).changing("supply") {
            $0.due = .after(stage: "demand", workdays: 2)
        }
        var c = try DatedCycle(workflow: workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.completeDemand(on: try d("2026-11-05"))  // supply due Mon 9
        let raised = try c.escalate(on: try d("2026-11-10"))
        #expect(raised.map(\.words) == ["supply is 1 workday late, level 1"])
        try c.reopenDemand(on: try d("2026-11-11"))
        #expect(c.state.state(of: "supply") == .open)
        #expect(c.check(try d("2026-11-11")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "supply is no longer past due"))
        ])
    }

    @Test func aClosedCyclesEscalationsResolve() throws {
        var c = try Ladders.supplyOpen()
        try c.escalate(on: try d("2026-11-16"))
        try c.record(.cycleClosed(CycleClosed()), as: "maria", on: try d("2026-11-17"))
        #expect(c.check(try d("2026-11-17")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "cycle 2026-11 is closed"))
        ])
    }
}

@Suite struct SignoffWaitTests {
    static let workflow: Workflow = {
        var w = Fixture.workflow()
        w.signoffEscalation = [EscalationStep(after: 2, notify: [EscalationStep.signersAlias, "leader"])]
        return w
    }()

    /// demand filled on Mon 2 (in review from then on) and signed by dan on Tue 3: sales is missing.
    func demandWaitingForSales() throws -> DatedCycle {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.fillDemand(on: try d("2026-11-02"))
        try c.run(.sign("demand"), as: "dan", on: try d("2026-11-03"))
        #expect(c.state.state(of: "demand") == .review)
        return c
    }

    @Test func twoWorkdaysInReviewTellTheMissingSignersAndTheLeader() throws {
        let c = try demandWaitingForSales()
        #expect(c.check(try d("2026-11-03")).raises(numberingFrom: 1) == [])
        #expect(c.check(try d("2026-11-04")).raises(numberingFrom: 1).worded == [
            .escalationRaised(EscalationRaised(
                number: 1, subject: .signoffWait("demand"), level: 1, workdays: 2, roles: ["sales", "leader"],
                told: ["maria", "sally", "kim"], unheld: [], message: "demand has waited 2 workdays for sign-off, level 1"))
        ])
    }

    @Test func withNoSignOffYetEverySignerIsTold() throws {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.fillDemand(on: try d("2026-11-02"))
        let raised = try #require(c.check(try d("2026-11-04")).raises(numberingFrom: 1).first?.raised)
        #expect(raised.roles == ["demand", "sales", "leader"])
        #expect(raised.told == ["maria", "dan", "dora", "sally", "kim"])
    }

    /// The wait counts from the day the stage entered review (its last input), not from its first input.
    @Test func theWaitCountsFromTheDayItEnteredReview() throws {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan", on: try d("2026-11-02"))
        try c.run(.note("demand", "assumptions", "promo in week 47"), as: "dan", on: try d("2026-11-02"))
        try c.run(.link("demand", "dashboard", "https://bi.example.com/forecast/11"), as: "sally", on: try d("2026-11-04"))
        #expect(c.check(try d("2026-11-05")).raises(numberingFrom: 1) == [])
        let raised = c.check(try d("2026-11-06")).raises(numberingFrom: 1).compactMap(\.raised)
        #expect(raised.map(\.workdays) == [2])
    }

    @Test func aRejectionSendsItBackToOpenAndResolves() throws {
        var c = try demandWaitingForSales()
        #expect(try c.escalate(on: try d("2026-11-04")).map(\.number) == [1])
        try c.run(.reject("demand", "forecast too high in week 48", input: "forecast"), as: "sally", on: try d("2026-11-05"))
        #expect(c.state.state(of: "demand") == .open)
        #expect(c.check(try d("2026-11-05")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "demand went back to open"))
        ])
        try c.escalate(on: try d("2026-11-05"))

        // Resubmitted on Fri 6: a new wait, counted from then.
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan", on: try d("2026-11-06"))
        #expect(c.state.state(of: "demand") == .review)
        #expect(c.check(try d("2026-11-09")).raises(numberingFrom: 2) == [])
        let again = c.check(try d("2026-11-10")).raises(numberingFrom: 2).compactMap(\.raised)
        #expect(again.map(\.number) == [2])
        #expect(again.map(\.roles) == [["demand", "sales", "leader"]])  // the rejection cleared dan's sign-off
    }

    @Test func theLastSignOffResolves() throws {
        var c = try demandWaitingForSales()
        try c.escalate(on: try d("2026-11-04"))
        try c.run(.sign("demand"), as: "sally", on: try d("2026-11-05"))
        #expect(c.state.state(of: "demand") == .done)
        #expect(c.check(try d("2026-11-05")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "demand is done"))
        ])
    }

    @Test func aSignOffThatLeavesOthersMissingDoesNotResolve() throws {
        var c = try DatedCycle(workflow: Self.workflow, on: try d("2026-11-02"))
        try c.completeGather(on: try d("2026-11-02"))
        try c.fillDemand(on: try d("2026-11-02"))
        try c.escalate(on: try d("2026-11-04"))
        try c.run(.sign("demand"), as: "dan", on: try d("2026-11-05"))
        #expect(c.check(try d("2026-11-05")).resolutions().worded == [])
        #expect(c.check(try d("2026-11-05")).raises(numberingFrom: 2) == [])
    }
}

@Suite struct ActionLadderTests {
    static func workflow(_ notify: [String] = [EscalationStep.ownerAlias]) -> Workflow {
        var w = ExecFixture.workflow
        w.actionEscalation = [EscalationStep(after: 1, notify: notify)]
        return w
    }

    /// A-1, owned by eve (who holds no role), due Tue 10.
    func actionForEve(_ workflow: Workflow = ActionLadderTests.workflow(), team: Team = ExecFixture.team) throws -> DatedCycle {
        var c = try DatedCycle(workflow: workflow, team: team, on: try d("2026-11-02"))
        try c.run(.action("Confirm overtime with the union", owner: "eve", due: try d("2026-11-10")), as: "maria", on: try d("2026-11-02"))
        return c
    }

    @Test func anOverdueActionTellsItsOwnerEvenWithoutARole() throws {
        let c = try actionForEve()
        #expect(c.check(try d("2026-11-10")).raises(numberingFrom: 1) == [])
        #expect(c.check(try d("2026-11-11")).raises(numberingFrom: 1).worded == [
            .escalationRaised(EscalationRaised(
                number: 1, subject: .overdueAction(1), level: 1, workdays: 1, roles: ["owner"], told: ["eve"], unheld: [],
                message: "A-1 is 1 workday overdue, level 1"))
        ])
    }

    @Test func ownerAndARoleAreToldInTeamOrder() throws {
        let c = try actionForEve(Self.workflow(["owner", "leader"]))
        let raised = try #require(c.check(try d("2026-11-13")).raises(numberingFrom: 1).first?.raised)
        #expect(raised.roles == ["owner", "leader"])
        #expect(raised.told == ["maria", "eve"])
        #expect(raised.workdays == 3)
        #expect(raised.words == "A-1 is 3 workdays overdue, level 1")
    }

    /// An owner no longer on the team is still told, after the team.
    @Test func anOwnerOffTheTeamIsStillTold() throws {
        let c = try actionForEve(Self.workflow(["owner", "leader"]))
        let without = Team(participants: ExecFixture.team.participants.filter { $0.id != "eve" })
        let check = EscalationCheck(cycle: c.state, team: without, today: try d("2026-11-11"), register: c.register, escalations: c.escalations)
        let raised = try #require(check.raises(numberingFrom: 1).first?.raised)
        #expect(raised.told == ["maria", "eve"])
        #expect(raised.unheld == [])
    }

    @Test func aDoneActionResolves() throws {
        var c = try actionForEve()
        #expect(try c.escalate(on: try d("2026-11-11")).map(\.number) == [1])
        #expect(c.check(try d("2026-11-11")).resolutions().worded == [])
        try c.run(.completeAction(1, note: "agreed"), as: "eve", on: try d("2026-11-12"))
        #expect(c.check(try d("2026-11-12")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "A-1 is done"))
        ])
    }

    @Test func aCancelledActionResolves() throws {
        var c = try actionForEve()
        try c.escalate(on: try d("2026-11-11"))
        try c.run(.cancelAction(1, reason: "moot"), as: "maria", on: try d("2026-11-12"))
        #expect(c.check(try d("2026-11-12")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "A-1 was cancelled"))
        ])
    }

    /// An action is database-wide: raised from November's cycle, it is not raised again from December's,
    /// nor from November's once December has run, and it resolves from whichever cycle sees it closed.
    @Test func anActionIsRaisedOnceAcrossCycles() throws {
        var november = try DatedCycle(workflow: Self.workflow(), team: ExecFixture.team, on: try d("2026-11-02"))
        try november.run(.action("Confirm overtime", owner: "eve", due: try d("2026-11-27")), as: "maria", on: try d("2026-11-02"))
        #expect(try november.escalate(on: try d("2026-11-30")).map(\.subject) == [.overdueAction(1)])

        var december = try november.following(on: try d("2026-12-01"))
        #expect(december.register.openActions(of: "2026-12").map(\.label) == ["A-1"])
        let dec1 = try d("2026-12-01")
        // Without the register it would be raised again: the check is what stops it.
        let blind = EscalationCheck(cycle: december.state, team: december.team, today: dec1, register: december.register, escalations: EscalationRegister())
        #expect(blind.raises(numberingFrom: 2).count == 1)
        #expect(try december.escalate(on: dec1) == [])

        let novemberAgain = EscalationCheck(
            cycle: november.state, team: november.team, today: try d("2026-12-02"), register: december.register,
            escalations: december.escalations)
        #expect(novemberAgain.raises(numberingFrom: 2) == [])

        try december.run(.completeAction(1, note: nil), as: "eve", on: try d("2026-12-02"))
        #expect(december.check(try d("2026-12-02")).resolutions().worded == [
            .escalationResolved(EscalationResolved(number: 1, because: "A-1 is done"))
        ])
    }

    /// The same, evaluated December first.
    @Test func anActionRaisedInALaterCycleIsNotRaisedAgainInTheEarlierOne() throws {
        var november = try DatedCycle(workflow: Self.workflow(), team: ExecFixture.team, on: try d("2026-11-02"))
        try november.run(.action("Confirm overtime", owner: "eve", due: try d("2026-11-27")), as: "maria", on: try d("2026-11-02"))
        var december = try november.following(on: try d("2026-12-01"))
        #expect(try december.escalate(on: try d("2026-12-01")).map(\.subject) == [.overdueAction(1)])
        let later = EscalationCheck(
            cycle: november.state, team: november.team, today: try d("2026-12-01"), register: december.register,
            escalations: december.escalations)
        #expect(later.raises(numberingFrom: 2) == [])
    }
}

@Suite struct EscalationRecordTests {
    static let subjects: [EscalationSubject] = [.lateStage("supply"), .signoffWait("demand"), .overdueAction(3)]

    func raise(_ subject: EscalationSubject, number: Int = 4) -> EscalationRaised {
        EscalationRaised(
            number: number, subject: subject, level: 2, workdays: 3, roles: ["leader", "cfo"], told: ["maria"], unheld: ["cfo"],
            lateness: 3)
    }

    @Test(arguments: subjects)
    func raisedPayloadsRoundTrip(subject: EscalationSubject) throws {
        let payload = EventPayload.escalationRaised(raise(subject))
        #expect(payload.type == .escalationRaised)
        #expect(payload.type.rawValue == "escalation-raised")
        #expect(!payload.type.isFollowUp)
        #expect(try EventPayload.decode(type: .escalationRaised, json: try payload.encoded()) == payload)
    }

    @Test func raisedPayloadJSON() throws {
        let json = String(decoding: try EventPayload.escalationRaised(raise(.lateStage("supply"))).encoded(), as: UTF8.self)
        // Data only: the sentence is SOPText's to say (`EscalationWords`), not the event's to store.
        #expect(json == #"{"lateness":3,"level":2,"number":4,"roles":["leader","cfo"],"#
            + #""subject":{"kind":"late-stage","stage":"supply"},"told":["maria"],"unheld":["cfo"],"workdays":3}"#)
    }

    @Test func resolvedPayloadsRoundTrip() throws {
        let payload = EventPayload.escalationResolved(EscalationResolved(number: 4, because: "supply is done"))
        #expect(payload.type == .escalationResolved)
        #expect(payload.type.rawValue == "escalation-resolved")
        #expect(!payload.type.isFollowUp)
        #expect(payload.stage == nil)
        let json = try payload.encoded()
        #expect(String(decoding: json, as: UTF8.self) == #"{"because":"supply is done","number":4}"#)
        #expect(try EventPayload.decode(type: .escalationResolved, json: json) == payload)
    }

    @Test func theStageAnEscalationConcerns() {
        #expect(EventPayload.escalationRaised(raise(.lateStage("supply"))).stage == "supply")
        #expect(EventPayload.escalationRaised(raise(.signoffWait("demand"))).stage == "demand")
        #expect(EventPayload.escalationRaised(raise(.overdueAction(3))).stage == nil)
    }

    @Test(arguments: zip(subjects, [
        (#"{"kind":"late-stage","stage":"supply"}"#, "late-stage", "supply"),
        (#"{"kind":"signoff-wait","stage":"demand"}"#, "signoff-wait", "demand sign-off"),
        (#"{"action":3,"kind":"overdue-action"}"#, "overdue-action", "A-3"),
    ]))
    func subjectsAreWrittenByKind(subject: EscalationSubject, expected: (String, String, String)) throws {
        let (expectedJSON, kind, name) = expected
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(subject)
        #expect(String(decoding: json, as: UTF8.self) == expectedJSON)
        #expect(try JSONDecoder().decode(EscalationSubject.self, from: json) == subject)
        #expect(subject.kind == kind)
        #expect(subject.name == name)
    }

    @Test(arguments: [
        #"{"kind":"late-job","stage":"supply"}"#, #"{"kind":"late-stage"}"#, #"{"kind":"overdue-action","action":"A-3"}"#,
        #"{"stage":"supply"}"#, #""late-stage""#,
    ])
    func badSubjectsAreRefused(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(EscalationSubject.self, from: Data(json.utf8)) }
    }

    @Test func theRegisterFoldsRaisesAndResolutions() throws {
        var register = EscalationRegister()
        let raisedAt = DatedCycle.noon(try d("2026-11-16"))
        let touched = register.apply(CycleEvent(cycle: "2026-11", time: raisedAt, actor: "system", payload: .escalationRaised(raise(.lateStage("supply")))))
        #expect(touched?.label == "E-4")
        #expect(touched?.cycle == "2026-11")
        #expect(touched?.raisedAt == raisedAt)
        #expect(touched?.isLive == true)
        register.apply(CycleEvent(cycle: "2026-10", time: raisedAt, actor: "system", payload: .escalationRaised(raise(.overdueAction(3), number: 5))))

        #expect(register.live(.lateStage("supply"), level: 2, in: "2026-11")?.number == 4)
        #expect(register.live(.lateStage("supply"), level: 1, in: "2026-11") == nil)
        #expect(register.live(.lateStage("supply"), level: 2, in: "2026-12") == nil)  // stages belong to a cycle
        #expect(register.live(.overdueAction(3), level: 2, in: "2026-12")?.number == 5)  // actions to none

        let resolvedAt = raisedAt.addingTimeInterval(86_400)
        let resolved = register.apply(CycleEvent(
            cycle: "2026-11", time: resolvedAt, actor: "system",
            payload: .escalationResolved(EscalationResolved(number: 4, because: "supply is done"))))
        #expect(resolved?.resolvedAt == resolvedAt)
        #expect(resolved?.resolvedBecause == "supply is done")
        #expect(resolved?.isLive == false)
        #expect(register.live(.lateStage("supply"), level: 2, in: "2026-11") == nil)
        #expect(register.live.map(\.number) == [5])
        #expect(register.all.map(\.number) == [4, 5])

        // Unknown numbers and other events touch nothing.
        let before = register
        #expect(register.apply(CycleEvent(
            cycle: "2026-11", time: resolvedAt, actor: "system", payload: .escalationResolved(EscalationResolved(number: 9, because: "x")))) == nil)
        #expect(register.apply(CycleEvent(cycle: "2026-11", time: resolvedAt, actor: "maria", payload: .cycleClosed(CycleClosed()))) == nil)
        #expect(register == before)
    }
}
