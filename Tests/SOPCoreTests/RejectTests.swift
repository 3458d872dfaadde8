import SOPCore
import Testing

/// `reject STAGE --reason TEXT [--input INPUT]`.
@Suite struct RejectTests {
    func demandInReview() throws -> Cycle {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        return c
    }

    /// Holders of a sign-off role (demand, sales) and the leader may reject.
    @Test(arguments: ["dan", "dora", "sally", "kim", "maria"])
    func allowedRejecters(who: String) throws {
        var c = try demandInReview()
        try c.run(.reject("demand", "numbers look off", input: "forecast"), as: who)
        #expect(c.state("demand") == .open)
    }

    @Test(arguments: ["paul", "fiona", "omar"])
    func othersMayNotReject(who: String) throws {
        var c = try demandInReview()
        let r = c.refusal(.reject("demand", "I disagree"), as: who)
        #expect(r?.rule == .permission)
        #expect(r?.fix.contains("maria") == true, "the leader is among those to ask")
    }

    @Test func rejectingOneInputOnlyAsksForThatOne() throws {
        var c = try demandInReview()
        let produced = try c.run(.reject("demand", "wrong month", input: "forecast"), as: "sally")
        #expect(produced == [.rejected(Rejected(stage: "demand", reason: "wrong month", inputs: ["forecast"]))])
        #expect(c.state("demand") == .open)
        let s = try c.status("demand")
        #expect(s.missingInputs == ["forecast"])
        #expect(s.rejectedInputs == ["forecast"])
        #expect(c.state.record("demand").lastRejection?.reason == "wrong month")
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        #expect(c.state("demand") == .review, "the other inputs stayed in")
        #expect(try c.status("demand").rejectedInputs.isEmpty)
        #expect(c.state.record("demand").inputs["forecast"]?.version == 2)
    }

    @Test func rejectingWithoutAnInputAsksForEverySubmittedOne() throws {
        var c = try demandInReview()
        let produced = try c.run(.reject("demand", "start over"), as: "maria")
        #expect(produced == [.rejected(Rejected(stage: "demand", reason: "start over", inputs: ["forecast", "assumptions", "dashboard"]))])
        #expect(try c.status("demand").missingInputs == ["forecast", "assumptions", "dashboard"])
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        try c.run(.note("demand", "assumptions", "new"), as: "dan")
        #expect(c.state("demand") == .open)
        try c.run(.link("demand", "dashboard", "https://bi.example.com/new"), as: "dan")
        #expect(c.state("demand") == .review)
    }

    @Test func rejectingAnOpenStageTakesOnlyTheInputsThatAreIn() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        let produced = try c.run(.reject("demand", "not this one"), as: "sally")
        #expect(produced == [.rejected(Rejected(stage: "demand", reason: "not this one", inputs: ["forecast"]))])
    }

    @Test func rejectingClearsSignoffsRatherThanMakingThemStale() throws {
        var c = try demandInReview()
        try c.run(.sign("demand"), as: "dan")
        try c.run(.reject("demand", "assumptions are last month's", input: "assumptions"), as: "sally")
        let s = try c.status("demand")
        #expect(s.signoffs.isEmpty)
        #expect(s.staleSignoffs.isEmpty, "cleared, not stale")
        #expect(s.missingSignoffs == ["demand", "sales"])
        #expect(c.state.record("demand").signoffs.isEmpty)
        try c.run(.note("demand", "assumptions", "this month's"), as: "dan")
        #expect(c.state("demand") == .review)
        try c.run(.sign("demand"), as: "dan")  // not "already signed": the old one was cleared
        try c.run(.sign("demand"), as: "sally")
        #expect(c.state("demand") == .done)
    }

    @Test func rejectingADoneStageMakesDownstreamSignoffsStale() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.completeSupply()
        try c.completeFinance()
        try c.run(.reject("demand", "forecast double-counts promo", input: "forecast"), as: "maria")
        #expect(c.state("demand") == .open)
        #expect(c.state("gather") == .done)
        for stage in ["supply", "finance"] {
            #expect(c.state(stage) == .review, "\(stage)")
            let stale = try c.status(stage).staleSignoffs
            #expect(stale.count == 1, "\(stage)")
            #expect(stale.first?.because.contains("upstream") == true)
            #expect(stale.first?.because.contains("rejected demand") == true, "\(stale)")
            #expect(stale.first?.because.contains("forecast double-counts promo") == true)
        }
        #expect(c.state("exec") == .review)
        #expect(try c.status("exec").staleSignoffs.isEmpty, "exec had no sign-offs yet")
        #expect(try c.status("exec").blockedBy == ["demand", "supply", "finance"])
    }

    @Test func refusedWhileWaitingOrWaived() throws {
        var c = try Cycle()
        let waiting = c.refusal(.reject("demand", "too early"), as: "maria")
        #expect(waiting?.rule == .stageState)
        #expect(waiting?.message.contains("waiting") == true)
        try c.run(.waive("gather", "not this month"), as: "maria")
        let waived = c.refusal(.reject("gather", "too late"), as: "maria")
        #expect(waived?.rule == .stageState)
        #expect(waived?.message.contains("waived") == true)
    }

    @Test func refusedWithNothingSubmitted() throws {
        var c = try Cycle()
        try c.completeGather()
        let r = c.refusal(.reject("demand", "nothing here"), as: "dan")
        #expect(r?.rule == .stageState)
        #expect(r?.message.contains("no submitted inputs") == true)
        // A stage without inputs has nothing to reject either.
        try c.completeDemand()
        try c.completeSupply()
        try c.completeFinance()
        #expect(c.refusal(.reject("exec", "no"), as: "maria")?.rule == .stageState)
    }

    @Test func refusedForAnUnknownInputOrOneThatIsNotIn() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        let unknown = c.refusal(.reject("demand", "bad", input: "forcast"), as: "dan")
        #expect(unknown?.rule == .unknownInput)
        #expect(unknown?.fix.contains("forecast") == true)
        let notIn = c.refusal(.reject("demand", "bad", input: "assumptions"), as: "dan")
        #expect(notIn?.rule == .stageState)
        #expect(notIn?.message.contains("assumptions") == true)
        #expect(notIn?.fix.contains("forecast") == true, "names the input that can be rejected")
        try c.run(.reject("demand", "bad", input: "forecast"), as: "dan")
        #expect(c.refusal(.reject("demand", "twice", input: "forecast"), as: "dan")?.rule == .stageState, "already rejected")
        #expect(c.refusal(.reject("nope", "bad"), as: "dan")?.rule == .unknownStage)
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func refusedWithoutAReason(reason: String) throws {
        var c = try demandInReview()
        let r = c.refusal(.reject("demand", reason), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.fix.contains("--reason") == true)
    }

    @Test func theReasonIsTrimmed() throws {
        var c = try demandInReview()
        let produced = try c.run(.reject("demand", "  redo it \n", input: "dashboard"), as: "maria")
        #expect(produced == [.rejected(Rejected(stage: "demand", reason: "redo it", inputs: ["dashboard"]))])
    }
}
