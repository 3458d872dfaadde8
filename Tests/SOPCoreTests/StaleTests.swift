import SOPCore
import Testing

/// A sign-off records the versions it approved; any later change makes it stale, here and downstream.
@Suite struct StaleTests {
    @Test func aResubmissionMakesTheStagesSignoffsStale() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        #expect(c.state("demand") == .done)
        try c.run(.file("demand", "forecast", Fixture.goodForecast + "gizmos,2026-11,5\n"), as: "dora")
        #expect(c.state("demand") == .review)
        let s = try c.status("demand")
        #expect(s.missingSignoffs == ["demand", "sales"], "a stale sign-off does not count")
        #expect(s.signoffs.isEmpty)
        #expect(s.staleSignoffs.map(\.role) == ["demand", "sales"])
        #expect(s.staleSignoffs.map(\.by) == ["dan", "sally"])
        for stale in s.staleSignoffs {
            #expect(stale.because.contains("forecast was resubmitted by dora"), "\(stale.because)")
            #expect(stale.because.contains("version 2"), "\(stale.because)")
        }
        // The sign-off is stale, so the same person (or the other holder) may sign again.
        try c.run(.sign("demand"), as: "dan")
        try c.run(.sign("demand"), as: "sally")
        #expect(c.state("demand") == .done)
        #expect(try c.status("demand").staleSignoffs.isEmpty)
    }

    @Test func aResubmissionInReviewStalesTheSignoffsAlreadyGiven() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        try c.run(.sign("demand"), as: "dan")
        try c.run(.link("demand", "dashboard", "https://bi.example.com/v2"), as: "sally")
        #expect(c.state("demand") == .review)
        let s = try c.status("demand")
        #expect(s.staleSignoffs.map(\.role) == ["demand"])
        #expect(s.staleSignoffs.first?.because.contains("dashboard was resubmitted by sally") == true)
        #expect(s.missingSignoffs == ["demand", "sales"])
        // Signing sales alone does not finish it: demand's sign-off is stale.
        try c.run(.sign("demand"), as: "sally")
        #expect(c.state("demand") == .review)
        try c.run(.sign("demand"), as: "dora")
        #expect(c.state("demand") == .done)
    }

    /// gather -> demand -> supply -> finance all done, exec (fan-in) done: one demand resubmission
    /// drops demand and everything downstream of it back to review, and each must be signed again,
    /// upstream first.
    @Test func theCascadeAcrossEveryDownstreamStage() throws {
        var c = try Cycle()
        try c.completeAll()
        for stage in Fixture.stageIDs { #expect(c.state(stage) == .done, "\(stage)") }

        try c.run(.note("demand", "assumptions", "the promo moved to week 48"), as: "sally")

        #expect(c.state("gather") == .done, "upstream is untouched")
        for stage in ["demand", "supply", "finance", "exec"] {
            #expect(c.state(stage) == .review, "\(stage)")
            let s = try c.status(stage)
            #expect(!s.staleSignoffs.isEmpty, "\(stage) has stale sign-offs")
            #expect(s.staleSignoffs.map(\.role) == s.missingSignoffs, "\(stage): every missing sign-off is a stale one")
            for stale in s.staleSignoffs {
                #expect(stale.because.contains("assumptions was resubmitted by sally"), "\(stage): \(stale.because)")
            }
        }
        let supply = try c.status("supply")
        #expect(supply.staleSignoffs.map(\.role) == ["supply"])
        #expect(supply.staleSignoffs.map(\.by) == ["paul"])
        // The reason names the upstream stage that is no longer done, and where it stands now.
        let supplyBecause = try #require(supply.staleSignoffs.first?.because)
        #expect(supplyBecause.hasPrefix("upstream demand "), "\(supplyBecause)")
        #expect(supplyBecause.contains("review"), "\(supplyBecause)")
        let financeBecause = try #require(try c.status("finance").staleSignoffs.first?.because)
        #expect(financeBecause.hasPrefix("upstream supply "), "\(financeBecause)")
        #expect(financeBecause.contains("review"), "\(financeBecause)")
        #expect(try c.status("exec").staleSignoffs.map(\.by) == ["maria", "omar"])

        // blockedBy: the upstream stages that are not complete.
        #expect(try c.status("demand").blockedBy.isEmpty)
        #expect(try c.status("supply").blockedBy == ["demand"])
        #expect(try c.status("finance").blockedBy == ["supply"])
        #expect(try c.status("exec").blockedBy == ["demand", "supply", "finance"])

        // Downstream stages cannot be signed off until their upstream is done again.
        #expect(c.refusal(.sign("supply"), as: "paul")?.rule == .gate)
        #expect(c.refusal(.sign("finance"), as: "fiona")?.rule == .gate)
        let exec = c.refusal(.sign("exec"), as: "maria")
        #expect(exec?.rule == .gate)
        #expect(exec?.message.contains("demand, supply and finance") == true)
        #expect(c.refusal(.close, as: "maria")?.rule == .cycleIncomplete)

        // Demand signed again: supply's old sign-off stays stale ("completed again") until re-signed.
        try c.run(.sign("demand"), as: "dan")
        try c.run(.sign("demand"), as: "sally")
        #expect(c.state("demand") == .done)
        #expect(c.state("supply") == .review)
        let again = try c.status("supply")
        #expect(again.blockedBy.isEmpty)
        #expect(again.staleSignoffs.count == 1)
        #expect(again.staleSignoffs.first?.because.contains("upstream demand was completed again") == true, "\(again.staleSignoffs)")
        #expect(c.state("finance") == .review)
        #expect(try c.status("finance").blockedBy == ["supply"])

        try c.run(.sign("supply"), as: "paul")
        #expect(c.state("supply") == .done)
        #expect(c.state("finance") == .review)
        #expect(try c.status("finance").staleSignoffs.first?.because.contains("upstream supply was completed again") == true)
        #expect(c.refusal(.sign("exec"), as: "omar")?.rule == .gate, "exec still waits for finance")

        try c.run(.sign("finance"), as: "fiona")
        #expect(c.state("exec") == .review)
        #expect(try c.status("exec").blockedBy.isEmpty)
        try c.completeExec()
        for stage in Fixture.stageIDs { #expect(c.state(stage) == .done, "\(stage)") }
        try c.run(.close, as: "maria")
        #expect(c.state.isClosed)
    }

    @Test func aStaleUpstreamReasonNamesTheChangeFromTheTop() throws {
        var c = try Cycle()
        try c.completeAll()
        try c.run(.note("gather", "history", "late returns added"), as: "dan")
        for stage in Fixture.stageIDs { #expect(c.state(stage) == .review, "\(stage)") }
        #expect(try c.status("gather").staleSignoffs.first?.because.contains("history was resubmitted by dan") == true)
        for stage in ["demand", "supply", "finance", "exec"] {
            for stale in try c.status(stage).staleSignoffs {
                #expect(stale.because.contains("history was resubmitted by dan"), "\(stage): \(stale.because)")
            }
        }
    }

    /// A waiver after an upstream reopened also counts as a new completion downstream sign-offs did not see.
    @Test func waivingAReopenedUpstreamKeepsDownstreamSignoffsStale() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.run(.note("gather", "history", "v2"), as: "dan")
        #expect(c.state("demand") == .review)
        try c.run(.waive("gather", "history is good enough"), as: "maria")
        #expect(c.state("gather") == .waived)
        #expect(c.state("demand") == .review)
        #expect(try c.status("demand").staleSignoffs.first?.because.contains("upstream gather was completed again") == true)
    }

    @Test func aStageThatWasOnlyInReviewDownstreamAlsoGoesStale() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.run(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul")
        // supply is still in review, waiting for nothing but its sign-off; demand reopens meanwhile.
        try c.run(.file("demand", "forecast", Fixture.revisedForecast), as: "dan")
        #expect(c.state("supply") == .review, "the gate was met once: supply stays workable")
        #expect(try c.status("supply").blockedBy == ["demand"])
        #expect(c.refusal(.sign("supply"), as: "paul")?.rule == .gate)
        try c.run(.file("supply", "supply-plan", Fixture.revisedSupplyPlan), as: "paul")
        #expect(c.state.record("supply").inputs["supply-plan"]?.version == 2, "inputs may still be submitted")
    }
}
