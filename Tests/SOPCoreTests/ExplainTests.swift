import SOPCore
import Testing

/// `why STAGE`: where a stage stands, what blocks it, and who must act.
@Suite struct ExplainTests {
    @Test func aWaitingStageNamesTheBlockingStageAndItsOwners() throws {
        let c = try Cycle()
        let why = try c.why("demand")
        #expect(why.contains("demand (Demand review) is waiting."))
        #expect(why.contains("It waits for gather, which is open"))
        #expect(why.contains("Dan Brooks (dan)"))
        #expect(why.contains("Dora Kim (dora)"))
        #expect(why.contains("It is due 2026-11-11."))
    }

    @Test func anOpenStageNamesTheMissingInputAndWhoMaySubmitIt() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        try c.run(.link("demand", "dashboard", "https://bi.example.com/d"), as: "dan")
        let why = try c.why("demand")
        #expect(why.contains("is open"))
        #expect(why.contains("Input assumptions has not been submitted."))
        #expect(!why.contains("Input forecast"), "submitted inputs are not listed")
        #expect(why.contains("Dan Brooks (dan)"), "owner role holders")
        #expect(why.contains("Sally Chen (sally)"), "contributor role holders")
        #expect(why.contains("the leader"))
        #expect(why.contains("sign-off from demand and sales"))
    }

    @Test func aReviewStageNamesWhoMustSignOff() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        try c.run(.sign("demand"), as: "dan")
        let why = try c.why("demand")
        #expect(why.contains("is review"))
        #expect(why.contains("Needs a sign-off from sales: Sally Chen (sally) or Kim Ortega (kim)."))
        #expect(!why.contains("Needs a sign-off from demand"))
    }

    @Test func aRejectedInputNamesTheRejectionAndReason() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        try c.run(.reject("demand", "quantities are in cases, not units", input: "forecast"), as: "sally")
        let why = try c.why("demand")
        #expect(why.contains("Input forecast was rejected by sally"))
        #expect(why.contains("quantities are in cases, not units"))
        #expect(why.contains("must be resubmitted"))
    }

    @Test func aStaleSignoffNamesTheChangeAndTheBlockingStage() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.completeSupply()
        try c.run(.file("demand", "forecast", Fixture.revisedForecast), as: "kim")

        let demand = try c.why("demand")
        #expect(demand.contains("The demand sign-off by dan is stale: forecast was resubmitted by kim"))
        #expect(demand.contains("The sales sign-off by sally is stale"))
        #expect(demand.contains("It was done before and reopened because forecast was resubmitted by kim"))

        let supply = try c.why("supply")
        #expect(supply.contains("supply (Supply review) is review."))
        #expect(supply.contains("Upstream demand is no longer done"), "names the blocking stage")
        #expect(supply.contains("The supply sign-off by paul is stale: upstream demand "))
        #expect(supply.contains("forecast was resubmitted by kim"), "the stale reason goes back to the change")
        #expect(supply.contains("Paul Meyer (paul)"), "who must sign off again")
    }

    @Test func lateDoneAndWaivedStages() throws {
        var c = try Cycle()
        let late = try #require(Day("2026-11-09"))
        #expect(try c.why("gather", today: late).contains("It was due 2026-11-04 and is 3 workdays late."))
        try c.completeGather()
        let done = try c.why("gather", today: late)
        #expect(done.contains("is done."))
        #expect(done.contains("Signed off as demand by dan"))
        try c.run(.waive("demand", "forecast unchanged from last month"), as: "maria")
        let waived = try c.why("demand")
        #expect(waived.contains("is waived."))
        #expect(waived.contains("maria waived it"))
        #expect(waived.contains("forecast unchanged from last month"))
    }

    @Test func aClosedCycleSaysSo() throws {
        var c = try Cycle()
        try c.completeAll()
        try c.run(.close, as: "maria")
        #expect(try c.why("exec").contains("Cycle 2026-11 is closed"))
    }

    @Test func anUnknownStageIsRefused() throws {
        let c = try Cycle()
        let r = #expect(throws: Refusal.self) { try c.why("forecast") }
        #expect(r?.rule == .unknownStage)
        #expect(r?.fix.contains("gather") == true)
    }
}
