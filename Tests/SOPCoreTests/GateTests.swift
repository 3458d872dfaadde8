import SOPCore
import Testing

/// Gates (`after:`) and the forward transitions open -> review -> done.
@Suite struct GateTests {
    @Test func aFreshCycleOpensOnlyStagesWithoutAGate() throws {
        let c = try Cycle()
        #expect(c.state("gather") == .open)
        for stage in ["demand", "supply", "finance", "exec"] {
            #expect(c.state(stage) == .waiting, "\(stage)")
        }
        #expect(c.state.eventCount == 1)
        #expect(!c.state.isClosed)
    }

    @Test func aStageWaitsUntilItsUpstreamIsDone() throws {
        var c = try Cycle()
        try c.run(.note("gather", "history", "ERP export"), as: "dan")
        #expect(c.state("gather") == .review)
        #expect(c.state("demand") == .waiting, "review is not done: the gate stays shut")
        try c.run(.sign("gather"), as: "dan")
        #expect(c.state("gather") == .done)
        #expect(c.state("demand") == .open)
        #expect(c.state("supply") == .waiting)
        #expect(c.state("finance") == .waiting)
        #expect(c.state("exec") == .waiting)
    }

    @Test func aWaivedUpstreamOpensTheGate() throws {
        var c = try Cycle()
        try c.run(.waive("gather", "history already loaded last month"), as: "maria")
        #expect(c.state("gather") == .waived)
        #expect(c.state("demand") == .open)
        try c.run(.waive("demand", "no demand review this month"), as: "maria")
        #expect(c.state("supply") == .open)
    }

    @Test func theChainOpensOneStageAtATime() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        #expect(c.state("supply") == .open)
        #expect(c.state("finance") == .waiting)
        try c.completeSupply()
        #expect(c.state("finance") == .open)
        #expect(c.state("exec") == .waiting, "fan-in still waits for finance")
        try c.completeFinance()
        #expect(c.state("exec") == .review, "a stage without inputs goes straight to review once its gate is met")
    }

    /// The fan-in stage opens only once every one of its upstream stages is complete.
    @Test(arguments: ["demand", "supply", "finance"])
    func fanInWaitsForEveryUpstreamStage(left: String) throws {
        var c = try Cycle()
        try c.completeGather()
        for other in ["demand", "supply", "finance"] where other != left {
            try c.run(.waive(other, "not needed this month"), as: "maria")
        }
        #expect(c.state("exec") == .waiting)
        #expect(try c.status("exec").blockedBy == [left])
        try c.run(.waive(left, "not needed either"), as: "maria")
        #expect(c.state("exec") == .review)
        #expect(try c.status("exec").blockedBy.isEmpty)
    }

    @Test func openUntilEveryInputIsInThenReview() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        #expect(c.state("demand") == .open)
        #expect(try c.status("demand").missingInputs == ["assumptions", "dashboard"])
        try c.run(.note("demand", "assumptions", "promo in week 47"), as: "dan")
        #expect(c.state("demand") == .open)
        #expect(try c.status("demand").missingInputs == ["dashboard"])
        try c.run(.link("demand", "dashboard", "https://bi.example.com/f"), as: "dan")
        #expect(c.state("demand") == .review)
        #expect(try c.status("demand").missingInputs.isEmpty)
    }

    @Test func twoSignoffRolesNeedTwoSignoffs() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        try c.run(.sign("demand"), as: "dan")
        #expect(c.state("demand") == .review, "one of two sign-off roles leaves it in review")
        #expect(try c.status("demand").missingSignoffs == ["sales"])
        #expect(c.state("supply") == .waiting)
        try c.run(.sign("demand"), as: "sally")
        #expect(c.state("demand") == .done)
        #expect(try c.status("demand").missingSignoffs.isEmpty)
        #expect(c.state("supply") == .open)
    }

    @Test func aStageWithoutInputsGoesStraightToReviewAndDoneOnSignoff() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.completeSupply()
        try c.completeFinance()
        #expect(c.state("exec") == .review)
        try c.run(.sign("exec"), as: "omar")
        #expect(c.state("exec") == .review)
        try c.run(.sign("exec"), as: "maria")
        #expect(c.state("exec") == .done)
    }

    /// Stages listed before the stages they wait for still settle upstream first.
    @Test func gatesWorkWhateverOrderTheStagesAreListed() throws {
        let workflow = Workflow(
            id: "reversed", title: "Reversed", roles: Fixture.roles,
            stages: [
                Stage(id: "second", title: "Second", owner: "supply", after: ["first"], inputs: [InputSpec(id: "plan")], signoffs: ["supply"]),
                Stage(id: "first", title: "First", owner: "demand", inputs: [InputSpec(id: "plan")], signoffs: ["demand"]),
            ])
        var c = try Cycle(workflow: workflow)
        #expect(c.state("first") == .open)
        #expect(c.state("second") == .waiting)
        try c.run(.note("first", "plan", "p"), as: "dan")
        try c.run(.sign("first"), as: "dan")
        #expect(c.state("first") == .done)
        #expect(c.state("second") == .open)
        #expect(c.state.report(today: Cycle.today).stages.map(\.id) == ["second", "first"], "report keeps workflow order")
        #expect(c.state.dependencyOrder.map(\.id) == ["first", "second"])
    }

    @Test func downstreamIsTransitiveAndInWorkflowOrder() throws {
        let c = try Cycle()
        #expect(c.state.downstream(of: "gather").map(\.id) == ["demand", "supply", "finance", "exec"])
        #expect(c.state.downstream(of: "supply").map(\.id) == ["finance", "exec"])
        #expect(c.state.downstream(of: "exec").isEmpty)
    }
}

/// `downstream(of:)` and the stale cascade through a fan-in stage, whatever order the workflow lists
/// stages in and whichever of its upstream stages changes.
@Suite("Downstream stages are found in any listing order, and a fan-in stage goes stale through any of its upstream stages")
struct DownstreamAndFanInTests {
    /// Listed downstream first: one pass over the list would find `second` but miss `third`.
    @Test func downstreamOfAWorkflowListingStagesBeforeTheirUpstream() throws {
        let workflow = Workflow(
            id: "reversed", title: "Reversed", roles: Fixture.roles,
            stages: [
                Stage(id: "third", title: "Third", owner: "finance", after: ["second"], inputs: [InputSpec(id: "plan")], signoffs: ["finance"]),
                Stage(id: "second", title: "Second", owner: "supply", after: ["first"], inputs: [InputSpec(id: "plan")], signoffs: ["supply"]),
                Stage(id: "first", title: "First", owner: "demand", inputs: [InputSpec(id: "plan")], signoffs: ["demand"]),
            ])
        let c = try Cycle(workflow: workflow)
        #expect(c.state.downstream(of: "first").map(\.id) == ["third", "second"])
        #expect(c.state.downstream(of: "second").map(\.id) == ["third"])
    }

    /// exec waits for demand, supply and finance: a change in the second or third of them makes its
    /// sign-offs stale too, not only a change in the first.
    @Test(arguments: ["supply", "finance"])
    func aResubmissionInALaterUpstreamStageMakesTheFanInStageStale(upstream: String) throws {
        var c = try Cycle()
        try c.completeAll()
        #expect(c.state("exec") == .done)
        if upstream == "supply" {
            try c.run(.file("supply", "supply-plan", "family,capacity\nwidgets,140\n"), as: "paul")
        } else {
            try c.run(.note("finance", "financials", "margin revised to 11%"), as: "fiona")
        }
        #expect(c.state(upstream) == .review)
        #expect(c.state("exec") == .review)
        let stale = try c.status("exec").staleSignoffs
        #expect(stale.map(\.role) == ["leader", "sponsor"])
        #expect(stale.allSatisfy { $0.because.contains("upstream \(upstream) went back to review") }, "\(stale)")
    }
}
