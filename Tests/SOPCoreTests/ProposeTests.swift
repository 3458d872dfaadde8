import SOPCore
import Testing

/// `propose TEXT [--stage STAGE] [--options "A|B|C"]`: a decision request for the executive meeting.
@Suite struct ProposeTests {
    @Test func aProposalRecordsItsTextStageAndOptions() throws {
        var c = try Cycle.exec()
        let produced = try c.run(
            .propose("  Add a second shift on line 2 \n", stage: "pre-sop", options: [" Overtime", "Outsource ", "Accept backlog"]),
            as: "paul")
        #expect(produced == [
            .proposalRaised(ProposalRaised(
                number: 1, text: "Add a second shift on line 2", stage: "pre-sop", options: ["Overtime", "Outsource", "Accept backlog"]))
        ])
        let p = try #require(c.register.proposals[1])
        #expect(p.label == "P-1")
        #expect(p.cycle == "2026-11")
        #expect(p.by == "paul")
        #expect(p.at == c.clock)
        #expect(p.decision == nil && p.deferrals.isEmpty)
        #expect(p.dueIn == "2026-11")
        #expect(p.state(in: "2026-11") == .open)
        #expect(c.openProposalLabels == ["P-1"])
    }

    @Test func withoutStageOrOptions() throws {
        var c = try Cycle.exec()
        let produced = try c.run(.propose("Raise prices in Q1"), as: "maria")
        #expect(produced == [.proposalRaised(ProposalRaised(number: 1, text: "Raise prices in Q1", stage: nil, options: []))])
    }

    /// The number is the one the store hands out (numbered across the database), not the cycle's count.
    @Test func theNumberComesFromTheContext() throws {
        let c = try Cycle.exec()
        let leader = try c.participant("maria")
        let produced = try c.state.decide(
            .propose("Raise prices"), by: leader, team: c.team, context: DecisionContext(next: NextNumbers(proposal: 42)))
        #expect(produced == [.proposalRaised(ProposalRaised(number: 42, text: "Raise prices", stage: nil, options: []))])
    }

    @Test func proposalsAreNumberedInTurn() throws {
        var c = try Cycle.exec()
        try c.run(.propose("One"), as: "maria")
        try c.run(.propose("Two"), as: "fiona")
        #expect(c.openProposalLabels == ["P-1", "P-2"])
    }

    /// The leader and the pre-sop stage's sign-off roles (supply, finance) raise decision requests.
    @Test(arguments: ["maria", "paul", "fiona"])
    func whoMayPropose(who: String) throws {
        var c = try Cycle.exec()
        try c.run(.propose("Add a shift"), as: who)
        #expect(c.openProposalLabels == ["P-1"])
    }

    @Test(arguments: ["dan", "omar", "carla", "eve"])
    func othersMayNot(who: String) throws {
        var c = try Cycle.exec()
        let r = c.refusal(.propose("Add a shift"), as: who)
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("the leader or a proposer role (supply or finance)") == true, "\(r?.message ?? "")")
        for holder in ["maria", "paul", "fiona"] { #expect(r?.fix.contains(holder) == true, "\(r?.fix ?? "")") }
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func theTextIsRequired(text: String) throws {
        var c = try Cycle.exec()
        let r = c.refusal(.propose(text), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("text is empty") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("propose \"") == true, "shows an example")
    }

    @Test func anUnknownStageIsRefused() throws {
        var c = try Cycle.exec()
        let r = c.refusal(.propose("Add a shift", stage: "presop"), as: "maria")
        #expect(r?.rule == .unknownStage)
        #expect(r?.message.contains("presop") == true)
        #expect(r?.fix.contains("pre-sop") == true, "lists the stages")
    }

    @Test(arguments: [
        ([""], "an option is empty"),
        (["Overtime", "  "], "an option is empty"),
        (["Overtime", "", "Outsource"], "an option is empty"),
        (["Overtime"], "a single option is not a choice"),
        (["Overtime", "Outsource", "overtime "], "option 'overtime' is given twice"),
        (["Overtime", "Overtime"], "option 'Overtime' is given twice"),
    ])
    func badOptionsAreRefused(options: [String], message: String) throws {
        var c = try Cycle.exec()
        let r = c.refusal(.propose("Add a shift", options: options), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.message == message)
    }
}
