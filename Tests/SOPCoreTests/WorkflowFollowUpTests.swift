import Foundation
import SOPCore
import Testing

/// The workflow keys behind follow-ups: `deciders:`, a stage's `requires:`, and the proposer roles
/// (`proposers:`, by default the sign-off roles of the stages the meeting comes after).
@Suite struct WorkflowFollowUpTests {
    @Test func proposerRolesAreTheSignoffRolesUpstreamOfTheMeeting() {
        #expect(ExecFixture.workflow.proposerRoles == ["supply", "finance"])
        #expect(Fixture.workflow().proposerRoles.isEmpty, "no meeting stage: only the leader proposes")
    }

    @Test func decisionRolesAreTheSponsorAndTheDeciders() {
        #expect(ExecFixture.workflow.decisionRoles == ["sponsor", "cfo"])
        #expect(Fixture.workflow().decisionRoles == ["sponsor"])
        var w = Fixture.workflow()
        w.deciders = ["sponsor", "finance"]
        #expect(w.decisionRoles == ["sponsor", "finance"], "the sponsor is listed once")
    }

    @Test func theMeetingIsTheFirstStageThatRequiresDecisions() {
        #expect(ExecFixture.workflow.meetingStage?.id == "executive-sop")
        #expect(Fixture.workflow().meetingStage == nil)
        #expect(StageRequirement.allCases.map(\.rawValue) == ["decisions"])
    }

    /// Without a meeting stage (and no `proposers:`), a refused proposer is told only the leader may.
    @Test func withoutAMeetingStageOnlyTheLeaderProposes() throws {
        var c = try Cycle()
        let r = c.refusal(.propose("Add a shift"), as: "dan")
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("a proposer role (the workflow names none)") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("maria") == true)
        try c.run(.propose("Add a shift"), as: "maria")
    }

    /// Workflows stored by an older `sop` (no `deciders`, `agenda`, `requires` keys) still load.
    @Test func olderStoredWorkflowsDecodeWithDefaults() throws {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ExecFixture.workflow)) as? [String: Any] ?? [:]
        object["deciders"] = nil
        object["agenda"] = nil
        object["proposers"] = nil
        object["limits"] = nil
        object["stages"] = (object["stages"] as? [[String: Any]])?.map { stage in
            var stage = stage
            stage["requires"] = nil
            return stage
        }
        let decoded = try JSONDecoder().decode(Workflow.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.deciders.isEmpty)
        #expect(decoded.agenda == AgendaSources())
        #expect(decoded.proposers == nil, "absent: the default proposer roles")
        #expect(decoded.limits == SubmissionLimits())
        #expect(decoded.stages.allSatisfy { $0.requires.isEmpty })
        #expect(decoded.stages.map(\.id) == ExecFixture.workflow.stages.map(\.id))
    }

    @Test func theFollowUpKeysRoundTrip() throws {
        let decoded = try JSONDecoder().decode(Workflow.self, from: JSONEncoder().encode(ExecFixture.workflow))
        #expect(decoded == ExecFixture.workflow)
    }
}
