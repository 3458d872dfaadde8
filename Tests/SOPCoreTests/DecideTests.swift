import SOPCore
import Testing

/// `decide [P-N] TEXT --rationale TEXT [--option A] [--supersedes D-N]`: immutable decisions.
@Suite struct DecideTests {
    /// P-1 raised by paul, without options.
    func withProposal(options: [String] = []) throws -> Cycle {
        var c = try Cycle.exec()
        try c.run(.propose("Add a second shift", options: options), as: "paul")
        return c
    }

    @Test func answeringAProposal() throws {
        var c = try withProposal()
        let produced = try c.run(.decide(1, " Add the shift from December ", rationale: " margin stays on target "), as: "omar")
        #expect(produced == [
            .decisionRecorded(DecisionRecorded(
                number: 1, text: "Add the shift from December", rationale: "margin stays on target", option: nil, proposal: 1,
                supersedes: nil))
        ])
        let d = try #require(c.register.decisions[1])
        #expect(d.label == "D-1")
        #expect(d.by == "omar" && d.cycle == "2026-11" && d.isInForce)
        let p = try #require(c.register.proposals[1])
        #expect(p.decision == 1)
        #expect(p.decidedIn == "2026-11")
        #expect(p.state(in: "2026-11") == .decided)
        #expect(c.openProposalLabels.isEmpty)
        #expect(c.register.decisions(of: "2026-11").map(\.label) == ["D-1"])
    }

    @Test func aDecisionWithoutAProposal() throws {
        var c = try Cycle.exec()
        let produced = try c.run(.decide(nil, "Freeze the price list", rationale: "the market is flat"), as: "omar")
        #expect(produced == [
            .decisionRecorded(DecisionRecorded(
                number: 1, text: "Freeze the price list", rationale: "the market is flat", option: nil, proposal: nil, supersedes: nil))
        ])
    }

    /// `deciders: [cfo]` adds carla to the sponsor.
    @Test func aDeciderRoleMayDecide() throws {
        var c = try withProposal()
        try c.run(.decide(1, "Add the shift"), as: "carla")
        #expect(c.register.decisions[1]?.by == "carla")
    }

    /// Every role under `deciders:` counts, not only the first one listed.
    @Test func aHolderOfTheSecondDeciderRoleMayDecide() throws {
        var workflow = ExecFixture.workflow
        workflow.roles.append(Role(id: "coo", title: "Chief operating officer"))
        workflow.deciders = ["cfo", "coo"]
        var team = ExecFixture.team
        team.participants.append(Participant(id: "cora", name: "Cora Lind", roles: ["coo"]))
        var c = try Cycle(workflow: workflow, team: team)
        try c.run(.propose("Add a second shift"), as: "paul")
        try c.run(.decide(1, "Add the shift"), as: "cora")
        #expect(c.register.decisions[1]?.by == "cora")
    }

    @Test(arguments: ["maria", "paul", "dan", "eve"])
    func othersMayNot(who: String) throws {
        var c = try withProposal()
        let r = c.refusal(.decide(1, "Add the shift"), as: who)
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("only the sponsor or a decider role (cfo) may") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("omar") == true && r?.fix.contains("carla") == true, "\(r?.fix ?? "")")
    }

    @Test(arguments: ["", "  \n"])
    func theTextIsRequired(text: String) throws {
        var c = try withProposal()
        let r = c.refusal(.decide(1, text), as: "omar")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("text is empty") == true, "\(r?.message ?? "")")
    }

    @Test(arguments: ["", "  \n"])
    func aRationaleIsRequired(rationale: String) throws {
        var c = try withProposal()
        let r = c.refusal(.decide(1, "Add the shift", rationale: rationale), as: "omar")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("rationale is empty") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("--rationale") == true)
    }

    @Test func anUnknownProposal() throws {
        var c = try withProposal()
        let r = c.refusal(.decide(9, "Add the shift"), as: "omar")
        #expect(r?.rule == .unknownItem)
        #expect(r?.message.contains("P-9") == true)
        #expect(r?.fix.contains("P-1") == true, "lists the proposals there are: \(r?.fix ?? "")")
    }

    @Test func aDecidedProposalCannotBeDecidedAgain() throws {
        var c = try withProposal()
        try c.run(.decide(1, "Add the shift"), as: "omar")
        let r = c.refusal(.decide(1, "No shift after all"), as: "carla")
        #expect(r?.rule == .itemState)
        #expect(r?.message.contains("P-1 was already decided as D-1") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("--supersedes D-1") == true, "\(r?.fix ?? "")")
    }

    // MARK: superseding

    @Test func supersedingKeepsBothAndAnswersTheSameProposal() throws {
        var c = try withProposal()
        try c.run(.decide(1, "Add the shift"), as: "omar")
        let produced = try c.run(.decide(nil, "No shift: outsource", rationale: "the union said no", supersedes: 1), as: "omar")
        #expect(produced == [
            .decisionRecorded(DecisionRecorded(
                number: 2, text: "No shift: outsource", rationale: "the union said no", option: nil, proposal: 1, supersedes: 1))
        ], "the proposal is inherited from the superseded decision")
        let old = try #require(c.register.decisions[1])
        let new = try #require(c.register.decisions[2])
        #expect(old.supersededBy == 2 && !old.isInForce)
        #expect(old.text == "Add the shift", "a decision is never edited")
        #expect(new.supersedes == 1 && new.isInForce)
        #expect(c.register.decisions(of: "2026-11").map(\.label) == ["D-1", "D-2"], "both stay visible")
        #expect(c.register.proposals[1]?.decision == 2, "the proposal now points at the decision in force")
    }

    @Test func onlyTheDecisionInForceCanBeSuperseded() throws {
        var c = try withProposal()
        try c.run(.decide(1, "Add the shift"), as: "omar")
        try c.run(.decide(nil, "Outsource", supersedes: 1), as: "omar")
        let again = c.refusal(.decide(nil, "Overtime then", supersedes: 1), as: "omar")
        #expect(again?.rule == .itemState)
        #expect(again?.message.contains("D-1 was already superseded by D-2") == true, "\(again?.message ?? "")")
        #expect(again?.fix.contains("--supersedes D-2") == true, "\(again?.fix ?? "")")
        let direct = c.refusal(.decide(1, "Overtime then"), as: "omar")
        #expect(direct?.rule == .itemState)
        #expect(direct?.message.contains("already decided as D-2") == true, "names the decision in force: \(direct?.message ?? "")")
        try c.run(.decide(1, "Overtime then", supersedes: 2), as: "carla")
        #expect(c.register.decisions.values.filter(\.isInForce).map(\.label) == ["D-3"])
        #expect(c.register.proposals[1]?.decision == 3)
    }

    @Test func supersedingAnUnknownDecision() throws {
        var c = try withProposal()
        let r = c.refusal(.decide(nil, "Outsource", supersedes: 5), as: "omar")
        #expect(r?.rule == .unknownItem)
        #expect(r?.message.contains("D-5") == true)
    }

    @Test func supersedingADecisionOfAnotherProposal() throws {
        var c = try withProposal()
        try c.run(.propose("Raise prices"), as: "paul")
        try c.run(.decide(1, "Add the shift"), as: "omar")
        let r = c.refusal(.decide(2, "Raise by 3%", supersedes: 1), as: "omar")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("D-1 answered P-1, not P-2") == true, "\(r?.message ?? "")")
    }

    @Test func supersedingAStandaloneDecision() throws {
        var c = try Cycle.exec()
        try c.run(.decide(nil, "Freeze prices"), as: "omar")
        let produced = try c.run(.decide(nil, "Raise prices by 2%", supersedes: 1), as: "carla")
        #expect(produced == [
            .decisionRecorded(DecisionRecorded(
                number: 2, text: "Raise prices by 2%", rationale: "it is the best option", option: nil, proposal: nil, supersedes: 1))
        ])
    }

    // MARK: options

    @Test func aProposalWithOptionsNeedsOne() throws {
        var c = try withProposal(options: ["Overtime", "Outsource"])
        let r = c.refusal(.decide(1, "Do something"), as: "omar")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("P-1 asks to choose between Overtime or Outsource") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("--option \"Overtime\"") == true, "\(r?.fix ?? "")")
        let blank = c.refusal(.decide(1, "Do something", option: "  "), as: "omar")
        #expect(blank?.rule == .badArgument, "a blank option is no option")
    }

    @Test(arguments: ["outsource", "OUTSOURCE", " Outsource "])
    func theOptionMatchesWhateverTheCaseAndIsStoredAsTheProposalSpellsIt(option: String) throws {
        var c = try withProposal(options: ["Overtime", "Outsource"])
        let produced = try c.run(.decide(1, "Outsource the peak", option: option), as: "omar")
        guard case .decisionRecorded(let d) = produced.first else {
            Issue.record("expected a decision, got \(produced)")
            return
        }
        #expect(d.option == "Outsource")
        #expect(c.register.decisions[1]?.option == "Outsource")
    }

    @Test func anOptionNotInTheList() throws {
        var c = try withProposal(options: ["Overtime", "Outsource"])
        let r = c.refusal(.decide(1, "Hire", option: "Hire"), as: "omar")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("'Hire' is not an option of P-1") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("Overtime or Outsource") == true)
    }

    @Test func anOptionWhereThereAreNone() throws {
        var c = try withProposal()
        let r = c.refusal(.decide(1, "Add the shift", option: "Overtime"), as: "omar")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("P-1 lists no options") == true, "\(r?.message ?? "")")
        let standalone = c.refusal(.decide(nil, "Add the shift", option: "Overtime"), as: "omar")
        #expect(standalone?.rule == .badArgument)
        #expect(standalone?.message.contains("--option picks one of a proposal's options") == true)
    }

    @Test func supersedingADecisionWithOptionsChoosesAgain() throws {
        var c = try withProposal(options: ["Overtime", "Outsource"])
        try c.run(.decide(1, "Overtime", option: "Overtime"), as: "omar")
        #expect(c.refusal(.decide(nil, "Outsource after all", supersedes: 1), as: "omar")?.rule == .badArgument)
        try c.run(.decide(nil, "Outsource after all", option: "outsource", supersedes: 1), as: "omar")
        #expect(c.register.decisions[2]?.option == "Outsource")
        #expect(c.register.decisions[2]?.proposal == 1)
    }
}
