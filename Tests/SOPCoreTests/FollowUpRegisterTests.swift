import Foundation
import SOPCore
import Testing

/// `FollowUpKind` labels and `FollowUpRegister.apply`, the fold the store keeps its table with.
@Suite struct FollowUpRegisterTests {
    @Test(arguments: [
        ("P-3", FollowUpKind.proposal, 3), ("p-3", .proposal, 3), ("D-1", .decision, 1), ("d-12", .decision, 12),
        ("A-12", .action, 12), ("a-007", .action, 7),
    ])
    func parsesLabels(text: String, kind: FollowUpKind, number: Int) {
        let parsed = FollowUpKind.parse(text)
        #expect(parsed?.kind == kind)
        #expect(parsed?.number == number)
    }

    @Test(arguments: ["", "P", "P-", "-3", "P-0", "P--3", "P-+3", "P-3a", "P3", "X-3", "P-3-4", " P-3", "P-٣", "P-99999999999999999999"])
    func rejectsAnythingElse(text: String) {
        #expect(FollowUpKind.parse(text) == nil, "\(text)")
    }

    @Test func labels() {
        #expect(FollowUpKind.proposal.label(3) == "P-3")
        #expect(FollowUpKind.decision.label(1) == "D-1")
        #expect(FollowUpKind.action.label(12) == "A-12")
        #expect(FollowUpKind.allCases.map(\.rawValue) == ["proposal", "decision", "action"])
    }

    func event(_ payload: EventPayload, cycle: String = "2026-11", actor: String = "maria", minute: Int = 0) -> CycleEvent {
        CycleEvent(cycle: cycle, time: Cycle.start.addingTimeInterval(TimeInterval(minute * 60)), actor: actor, payload: payload)
    }

    @Test func applyReturnsTheItemsItTouched() {
        var r = FollowUpRegister()
        let raised = r.apply(event(.proposalRaised(ProposalRaised(number: 1, text: "t", stage: nil, options: []))))
        #expect(raised.map(\.label) == ["P-1"])
        let first = r.apply(event(
            .decisionRecorded(DecisionRecorded(number: 1, text: "a", rationale: "r", option: nil, proposal: 1, supersedes: nil)),
            actor: "omar"))
        #expect(first.map(\.label) == ["D-1", "P-1"])
        let second = r.apply(event(
            .decisionRecorded(DecisionRecorded(number: 2, text: "b", rationale: "r", option: nil, proposal: 1, supersedes: 1)),
            cycle: "2026-12", actor: "omar"))
        #expect(second.map(\.label) == ["D-2", "D-1", "P-1"], "the new decision, the one it replaced, the proposal")
        #expect(r.proposals[1]?.decidedIn == "2026-11", "a superseding decision keeps the month that first decided it")
        #expect(r.proposals[1]?.decision == 2, "the proposal points at the decision in force")
        #expect(r.proposals(of: "2026-11").map(\.label) == ["P-1"], "still listed where it was decided")
        let added = r.apply(event(.actionAdded(ActionAdded(number: 4, title: "t", owner: "paul", due: Cycle.today, decision: 2, stage: nil))))
        #expect(added.map(\.label) == ["A-4"])
        #expect(r.apply(event(.actionReassigned(ActionReassigned(number: 4, from: "paul", to: "fiona")))).map(\.label) == ["A-4"])
        #expect(r.apply(event(.actionDone(ActionDone(number: 4, note: nil)), cycle: "2026-12", actor: "fiona")).map(\.label) == ["A-4"])
        #expect(r.actions[4]?.closedIn == "2026-12")
        #expect(r.actions[4]?.closedBy == "fiona")
    }

    @Test func stageEventsAndUnknownItemsTouchNothing() {
        var r = FollowUpRegister()
        #expect(r.apply(event(.waived(Waived(stage: "s", reason: "r")))).isEmpty)
        #expect(r.apply(event(.cycleClosed(CycleClosed()))).isEmpty)
        #expect(r.apply(event(.proposalDeferred(ProposalDeferred(number: 9, to: "2026-12", reason: "r")))).isEmpty)
        #expect(r.apply(event(.actionDone(ActionDone(number: 9, note: nil)))).isEmpty)
        #expect(r.apply(event(.actionCancelled(ActionCancelled(number: 9, reason: "r")))).isEmpty)
        #expect(r.apply(event(.actionReassigned(ActionReassigned(number: 9, from: "a", to: "b")))).isEmpty)
        #expect(r == FollowUpRegister())
    }

    /// The store hands a cycle the items it needs; built from them, the register is the same as folded.
    @Test func aRegisterBuiltFromItemsEqualsTheFold() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Add a shift"), as: "maria")
        try c.run(.decide(1, "Add it"), as: "omar")
        try c.run(.action("Call", owner: "paul", due: c.today), as: "maria")
        let rebuilt = FollowUpRegister(
            proposals: Array(c.register.proposals.values), decisions: Array(c.register.decisions.values),
            actions: Array(c.register.actions.values))
        #expect(rebuilt == c.register)
    }
}
