import SOPCore
import Testing

/// `cycle close` with follow-up items: every proposal decided or deferred, every action with an owner
/// on the team. Open actions do not hold up the close: they carry over.
@Suite struct FollowUpCloseTests {
    let meeting = ExecFixture.meeting

    /// Every stage done but the meeting, which is in review.
    func atTheMeeting() throws -> Cycle {
        var c = try Cycle.exec()
        try c.reachMeeting()
        return c
    }

    @Test func closeNamesEachOpenProposal() throws {
        var c = try atTheMeeting()
        try c.run(.propose("Add a second shift"), as: "paul")
        try c.run(.propose("Raise prices"), as: "fiona")
        try c.run(.propose("Drop the blue widget"), as: "maria")
        try c.run(.decide(nil, "Keep the plan"), as: "omar")
        try c.run(.waive(meeting, "decided by mail"), as: "maria")
        try c.run(.decide(2, "Raise by 2%"), as: "omar")
        let r = c.refusal(.close, as: "maria")
        #expect(r?.rule == .cycleIncomplete)
        #expect(r?.message.contains("P-1 is not decided or deferred") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("P-3 is not decided or deferred") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("P-2") == false, "a decided proposal is not named")
        #expect(r?.message.contains("executive-sop") == false, "every stage is complete")
        #expect(r?.fix.contains("defer P-N --to YYYY-MM") == true, "\(r?.fix ?? "")")
        try c.run(.decide(1, "Add the shift"), as: "omar")
        try c.run(.postpone(3, to: "2027-03"), as: "maria")
        try c.run(.close, as: "maria")
        #expect(c.state.isClosed)
    }

    @Test func unfinishedStagesAndOpenProposalsAreNamedTogether() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Add a second shift"), as: "maria")
        let r = c.refusal(.close, as: "maria")
        #expect(r?.message.contains("demand is open") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("executive-sop is waiting") == true)
        #expect(r?.message.contains("P-1 is not decided or deferred") == true)
    }

    @Test func openActionsDoNotHoldUpTheClose() throws {
        var c = try atTheMeeting()
        try c.run(.decide(nil, "Keep the plan"), as: "omar")
        try c.run(.sign(meeting), as: "omar")
        try c.run(.action("Call the union", owner: "paul", due: c.today.adding(days: 3)), as: "omar")
        try c.run(.close, as: "maria")
        #expect(c.state.isClosed)
        #expect(c.openActionLabels == ["A-1"])
    }

    /// Deferred from November to December: November's meeting and close pass, December's wait for it.
    @Test func aDeferredProposalBlocksTheTargetCycleNotItsOwn() throws {
        var november = try atTheMeeting()
        try november.run(.propose("Add a second shift"), as: "paul")
        try november.run(.propose("Raise prices"), as: "paul")
        try november.run(.decide(1, "Add the shift"), as: "omar")
        try november.run(.postpone(2, to: "2026-12"), as: "omar")
        try november.run(.sign(meeting), as: "omar")
        try november.run(.close, as: "maria")

        var december = try november.following()
        try december.reachMeeting()
        #expect(december.openProposalLabels == ["P-2"])
        let signoff = december.refusal(.sign(meeting), as: "omar")
        #expect(signoff?.rule == .decisionsPending)
        #expect(signoff?.message.contains("P-2 is open") == true, "\(signoff?.message ?? "")")
        #expect(signoff?.message.contains("P-1") == false, "decided in November")
        #expect(signoff?.message.contains("none recorded yet") == true, "November's decision does not count in December")
        try december.run(.waive(meeting, "sponsor travelling"), as: "maria")
        let close = december.refusal(.close, as: "maria")
        #expect(close?.rule == .cycleIncomplete)
        #expect(close?.message.contains("P-2 is not decided or deferred") == true, "\(close?.message ?? "")")
        try december.run(.decide(2, "Raise by 2%"), as: "carla")
        #expect(december.register.proposals[2]?.decidedIn == "2026-12")
        try december.run(.close, as: "maria")
        #expect(december.state.isClosed)
    }

    /// An action whose owner has left the team must be reassigned before the month closes.
    @Test func anActionOwnedBySomeoneWhoLeftTheTeam() throws {
        var november = try atTheMeeting()
        try november.run(.action("Call the union", owner: "eve", due: november.today.adding(days: 3)), as: "maria")
        let smaller = Team(participants: ExecFixture.team.participants.filter { $0.id != "eve" })
        var december = try Cycle("2026-12", workflow: ExecFixture.workflow, team: smaller, register: november.register)
        for stage in ["demand", "pre-sop", meeting] { try december.run(.waive(stage, "quiet month"), as: "maria") }
        let r = december.refusal(.close, as: "maria")
        #expect(r?.rule == .cycleIncomplete)
        #expect(r?.message.contains("A-1 is owned by eve, who is not on the team") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("action reassign") == true)
        try december.run(.reassignAction(1, owner: "paul"), as: "maria")
        try december.run(.close, as: "maria")
        #expect(december.state.isClosed)
    }
}
