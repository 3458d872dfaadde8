import SOPCore
import Testing

/// The leader's commands: `waive`, `cycle close`, `cycle open`.
@Suite struct WaiveTests {
    @Test(arguments: ["dan", "sally", "paul", "omar"])
    func onlyTheLeaderWaives(who: String) throws {
        var c = try Cycle()
        let r = c.refusal(.waive("gather", "not needed"), as: who)
        #expect(r?.rule == .permission)
        #expect(r?.fix.contains("maria") == true)
    }

    @Test(arguments: ["", "  ", "\n"])
    func aReasonIsRequired(reason: String) throws {
        var c = try Cycle()
        let r = c.refusal(.waive("gather", reason), as: "maria")
        #expect(r?.rule == .badArgument)
    }

    @Test func waivingRecordsTheReason() throws {
        var c = try Cycle()
        let produced = try c.run(.waive("gather", " loaded last month "), as: "maria")
        #expect(produced == [.waived(Waived(stage: "gather", reason: "loaded last month"))])
        #expect(c.state.record("gather").waiver?.reason == "loaded last month")
        #expect(c.state.record("gather").waiver?.by == "maria")
    }

    @Test func refusedOnADoneOrWaivedStage() throws {
        var c = try Cycle()
        try c.completeGather()
        let done = c.refusal(.waive("gather", "why not"), as: "maria")
        #expect(done?.rule == .stageState)
        #expect(done?.message.contains("done") == true)
        try c.run(.waive("demand", "skip"), as: "maria")
        let waived = c.refusal(.waive("demand", "again"), as: "maria")
        #expect(waived?.rule == .stageState)
        #expect(waived?.message.contains("waived") == true)
        #expect(c.refusal(.waive("nope", "x"), as: "maria")?.rule == .unknownStage)
    }

    @Test(arguments: [StageState.waiting, .open, .review])
    func waivableFrom(state: StageState) throws {
        var c = try Cycle()
        try c.completeGather()
        switch state {
        case .waiting: #expect(c.state("supply") == .waiting)
        case .open: try c.completeDemand()
        case .review:
            try c.completeDemand()
            try c.run(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul")
        case .done, .waived: Issue.record("not a waivable state")
        }
        #expect(c.state("supply") == state)
        try c.run(.waive("supply", "plan frozen"), as: "maria")
        #expect(c.state("supply") == .waived)
    }

    @Test func aWaivedStageCountsAsCompleteForGatesAndForClose() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.run(.waive("supply", "plan frozen"), as: "maria")
        #expect(c.state("finance") == .open)
        try c.completeFinance()
        #expect(c.state("exec") == .review)
        try c.run(.waive("exec", "sponsor away"), as: "maria")
        let s = try c.status("supply")
        #expect(s.missingInputs.isEmpty)
        #expect(s.missingSignoffs.isEmpty)
        #expect(s.overdueDays == 0)
        try c.run(.close, as: "maria")
        #expect(c.state.isClosed)
    }
}

@Suite struct CloseTests {
    @Test func onlyTheLeaderCloses() throws {
        var c = try Cycle()
        try c.completeAll()
        for who in ["dan", "omar"] {
            let r = c.refusal(.close, as: who)
            #expect(r?.rule == .permission, "\(who)")
        }
        #expect(!c.state.isClosed)
    }

    @Test func closingListsEveryUnfinishedStage() throws {
        var c = try Cycle()
        let r = c.refusal(.close, as: "maria")
        #expect(r?.rule == .cycleIncomplete)
        for part in ["gather is open", "demand is waiting", "supply is waiting", "finance is waiting", "exec is waiting"] {
            #expect(r?.message.contains(part) == true, "\(part) in \(r?.message ?? "")")
        }
        try c.completeGather()
        try c.completeDemand()
        try c.run(.waive("supply", "frozen"), as: "maria")
        try c.run(.note("finance", "financials", "on plan"), as: "fiona")
        let later = c.refusal(.close, as: "maria")
        #expect(later?.rule == .cycleIncomplete)
        #expect(later?.message.contains("finance is review") == true)
        #expect(later?.message.contains("exec is waiting") == true)
        for finished in ["gather", "demand", "supply"] {
            #expect(later?.message.contains(finished) == false, "\(finished) is complete")
        }
    }

    @Test func closingACompleteCycle() throws {
        var c = try Cycle()
        try c.completeAll()
        let produced = try c.run(.close, as: "maria")
        #expect(produced == [.cycleClosed(CycleClosed())])
        #expect(c.state.isClosed)
        #expect(c.state.closedAt == c.clock)
        #expect(c.state.report(today: Cycle.today).state == "closed")
    }

    static let afterClose: [CycleCommand] = [
        .note("gather", "history", "late"),
        .sign("exec"),
        .reject("demand", "too late", input: nil),
        .waive("exec", "too late"),
        .close,
        .note("nope", "x", "y"),
    ]

    @Test(arguments: afterClose)
    func everyCommandIsRefusedOnceClosed(command: CycleCommand) throws {
        var c = try Cycle()
        try c.completeAll()
        try c.run(.close, as: "maria")
        for who in ["maria", "dan"] {
            let r = c.refusal(command, as: who)
            #expect(r?.rule == .cycleClosed, "\(who)")
            #expect(r?.message.contains("2026-11") == true)
        }
    }
}

@Suite struct OpenTests {
    static let month = CycleMonth(year: 2026, month: 12)

    func participant(_ id: String) throws -> Participant {
        try #require(Fixture.team.participant(id))
    }

    @Test func theLeaderOpensAPinnedCycle() throws {
        let payload = try CycleState.decideOpen(
            cycle: Self.month, workflow: Fixture.workflow(), hash: "h1", existing: ["2026-10", "2026-11"],
            by: try participant("maria"), team: Fixture.team)
        #expect(payload == .cycleOpened(CycleOpened(workflow: "test-sop", workflowHash: "h1")))
    }

    @Test(arguments: ["dan", "omar", "fiona"])
    func onlyTheLeaderOpens(who: String) throws {
        let actor = try participant(who)
        let r = #expect(throws: Refusal.self) {
            try CycleState.decideOpen(
                cycle: Self.month, workflow: Fixture.workflow(), hash: "h1", existing: [], by: actor, team: Fixture.team)
        }
        #expect(r?.rule == .permission)
        #expect(r?.fix.contains("maria") == true)
    }

    @Test func anExistingCycleIsRefused() throws {
        let actor = try participant("maria")
        let r = #expect(throws: Refusal.self) {
            try CycleState.decideOpen(
                cycle: Self.month, workflow: Fixture.workflow(), hash: "h1", existing: ["2026-11", "2026-12"], by: actor,
                team: Fixture.team)
        }
        #expect(r?.rule == .cycleExists)
        #expect(r?.message.contains("2026-12") == true)
    }
}
