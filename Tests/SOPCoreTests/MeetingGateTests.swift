import SOPCore
import SOPText
import Testing

/// A stage with `requires: [decisions]` (the executive meeting) signs off only when every proposal
/// due in the cycle is decided or deferred and at least one decision was recorded in it.
@Suite struct MeetingGateTests {
    let meeting = ExecFixture.meeting

    func atTheMeeting() throws -> Cycle {
        var c = try Cycle.exec()
        try c.reachMeeting()
        #expect(c.state(meeting) == .review)
        return c
    }

    @Test func withoutAnyDecisionTheSignoffIsRefused() throws {
        var c = try atTheMeeting()
        let r = c.refusal(.sign(meeting), as: "omar")
        #expect(r?.rule == .decisionsPending)
        #expect(r?.message.contains("executive-sop cannot be signed off yet") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("none recorded yet") == true)
        #expect(r?.fix.contains("decide TEXT --rationale TEXT") == true, "\(r?.fix ?? "")")
        #expect(try c.status(meeting).unmetRequirements.map(ReasonText.requirement) == ["decisions: none recorded yet"])
    }

    @Test func anOpenProposalIsNamed() throws {
        var c = try atTheMeeting()
        try c.run(.propose("Add a second shift"), as: "paul")
        try c.run(.propose("Raise prices"), as: "fiona")
        try c.run(.decide(2, "Raise by 2%"), as: "omar")
        let r = c.refusal(.sign(meeting), as: "omar")
        #expect(r?.rule == .decisionsPending)
        #expect(r?.message.contains("P-1 is open") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("P-2") == false, "a decided proposal is not named")
        #expect(r?.message.contains("none recorded") == false, "there is a decision")
        #expect(r?.fix.contains("decide P-1") == true && r?.fix.contains("defer P-1") == true, "\(r?.fix ?? "")")
        #expect(try c.status(meeting).unmetRequirements.map(ReasonText.requirement) == ["decisions: P-1 is open"])
    }

    @Test func bothReasonsAtOnce() throws {
        var c = try atTheMeeting()
        try c.run(.propose("Add a second shift"), as: "paul")
        let r = c.refusal(.sign(meeting), as: "omar")
        #expect(r?.message.contains("P-1 is open") == true && r?.message.contains("none recorded yet") == true, "\(r?.message ?? "")")
        #expect(try c.status(meeting).unmetRequirements.map(ReasonText.requirement) == ["decisions: P-1 is open", "decisions: none recorded yet"])
    }

    @Test func afterTheDecisionTheSignoffPasses() throws {
        var c = try atTheMeeting()
        try c.run(.propose("Add a second shift"), as: "paul")
        #expect(c.refusal(.sign(meeting), as: "omar")?.rule == .decisionsPending)
        try c.run(.decide(1, "Add the shift"), as: "omar")
        #expect(try c.status(meeting).unmetRequirements.isEmpty)
        try c.run(.sign(meeting), as: "omar")
        #expect(c.state(meeting) == .done)
    }

    /// A standalone decision satisfies "at least one decision" when nothing was proposed.
    @Test func aDecisionWithoutProposalsSuffices() throws {
        var c = try atTheMeeting()
        try c.run(.decide(nil, "Keep the plan"), as: "carla")
        try c.run(.sign(meeting), as: "omar")
        #expect(c.state(meeting) == .done)
    }

    @Test func aDeferredProposalDoesNotHoldUpTheMeeting() throws {
        var c = try atTheMeeting()
        try c.run(.propose("Add a second shift"), as: "paul")
        try c.run(.propose("Raise prices"), as: "paul")
        try c.run(.decide(1, "Add the shift"), as: "omar")
        try c.run(.postpone(2, to: "2026-12"), as: "maria")
        try c.run(.sign(meeting), as: "omar")
        #expect(c.state(meeting) == .done)
    }

    /// The gate comes after permission and stage state: they are what the refusal names first.
    @Test func permissionAndStateComeFirst() throws {
        var c = try Cycle.exec()
        #expect(c.refusal(.sign(meeting), as: "omar")?.rule == .gate, "waiting for pre-sop")
        try c.reachMeeting()
        #expect(c.refusal(.sign(meeting), as: "maria")?.rule == .permission)
    }

    /// Only stages that require decisions wait for them.
    @Test func otherStagesDoNotWaitForDecisions() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Add a second shift"), as: "maria")
        try c.reachMeeting()
        #expect(c.state("pre-sop") == .done)
        #expect(try c.status("pre-sop").unmetRequirements.isEmpty)
    }

    /// A done or waived stage lists nothing unmet.
    @Test func aCompleteStageListsNothingUnmet() throws {
        var c = try atTheMeeting()
        try c.run(.waive(meeting, "sponsor travelling"), as: "maria")
        #expect(try c.status(meeting).unmetRequirements.isEmpty)
    }
}
