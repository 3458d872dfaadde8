import Foundation
import SOPCore
import Testing

/// Stale sign-offs, reopenings and unmet requirements come out of SOPCore as data, not sentences.
@Suite struct SOPCoreGivesStaleAndReopenReasonsAsData {
    @Test func aResubmittedInputMakesTheSignoffStaleWithTheSubmissionItself() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.run(.file("demand", "forecast", Fixture.goodForecast + "gizmos,2026-11,5\n"), as: "dora")
        let stale = try #require(try c.status("demand").staleSignoffs.first)
        guard case .inputSubmitted(let input, let by, _, let version) = stale.reason else {
            Issue.record("expected an input submission, got \(stale.reason)")
            return
        }
        #expect(input == "forecast")
        #expect(by == "dora")
        #expect(version == 2)
    }

    @Test func aReopenedUpstreamCarriesTheChangeThatReopenedIt() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.completeDemand()
        try c.completeSupply()
        try c.run(.reject("demand", "forecast double-counts promo", input: "forecast"), as: "maria")
        let stale = try #require(try c.status("supply").staleSignoffs.first)
        guard case .upstreamReopened("demand", _, let because?) = stale.reason,
            case .rejected(let stage, let by, _, let reason) = because
        else {
            Issue.record("expected upstream demand reopened by a rejection, got \(stale.reason)")
            return
        }
        #expect(stage == "demand")
        #expect(by == "maria")
        #expect(reason == "forecast double-counts promo")
        #expect(c.state.record("demand").reopenedBecause == because)
    }

    @Test func unmetRequirementsNameTheOpenProposalAndTheMissingDecision() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Raise prices"), as: "maria")
        #expect(try c.status(ExecFixture.meeting).unmetRequirements == [.proposalOpen("P-1"), .noDecisionRecorded])
    }
}
