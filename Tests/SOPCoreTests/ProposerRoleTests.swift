import SOPCore
import Testing

/// Who may `propose` besides the leader: the workflow's `proposers:`, else the sign-off roles of the
/// stages directly upstream of the stage that requires decisions, whatever those stages are called.
@Suite struct ProposerRolesComeFromTheWorkflowNotFromAStageName {
    /// ExecFixture's workflow with its stages renamed: nothing is called `pre-sop`.
    static func renamed(proposers: [String]? = nil) -> Workflow {
        var workflow = ExecFixture.workflow
        workflow.stages = [
            Stage(
                id: "demand", title: "Demand review", owner: "demand", due: 5,
                inputs: [InputSpec(id: "forecast", title: "Forecast")], signoffs: ["demand"]),
            Stage(
                id: "reconcile", title: "Reconciliation", owner: "supply", after: ["demand"], due: 10,
                inputs: [InputSpec(id: "plan", title: "Plan")], signoffs: ["supply", "finance"]),
            Stage(
                id: "board", title: "Board meeting", owner: "leader", after: ["reconcile"], due: 15,
                signoffs: ["sponsor"], requires: [.decisions]),
        ]
        workflow.proposers = proposers
        return workflow
    }

    func cycle(_ workflow: Workflow) throws -> Cycle {
        try Cycle(workflow: workflow, team: ExecFixture.team)
    }

    @Test func withoutTheKeyTheMeetingsUpstreamSignoffRolesPropose() throws {
        let workflow = Self.renamed()
        #expect(workflow.proposerRoles == ["supply", "finance"])
        var c = try cycle(workflow)
        #expect(try c.run(.propose("Add a shift"), as: "paul").count == 1)
        #expect(try c.run(.propose("Cut prices"), as: "fiona").count == 1)
        #expect(c.refusal(.propose("More stock"), as: "dan")?.rule == .permission)
    }

    @Test func theKeyNamesTheRolesInstead() throws {
        var c = try cycle(Self.renamed(proposers: ["demand"]))
        #expect(try c.run(.propose("More stock"), as: "dan").count == 1)
        #expect(try c.run(.propose("Leader still may"), as: "maria").count == 1)
        let r = c.refusal(.propose("Add a shift"), as: "paul")
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("a proposer role (demand)") == true, "\(String(describing: r))")
        #expect(r?.fix.contains("dan (demand)") == true)
    }

    @Test func anEmptyListLeavesProposingToTheLeader() throws {
        var c = try cycle(Self.renamed(proposers: []))
        #expect(c.refusal(.propose("Add a shift"), as: "paul")?.rule == .permission)
        #expect(try c.run(.propose("Add a shift"), as: "maria").count == 1)
    }

    @Test func aWorkflowWithoutADecisionMeetingHasNoDefaultProposers() {
        #expect(Fixture.workflow().proposerRoles == [])
    }
}
