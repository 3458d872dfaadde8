import SOPCore
import Testing

/// `defer P-N --to YYYY-MM --reason TEXT`: a proposal moves to a later cycle, where it is open again.
@Suite struct DeferTests {
    /// P-1 raised by paul in 2026-11.
    func withProposal() throws -> Cycle {
        var c = try Cycle.exec()
        try c.run(.propose("Raise prices in Q1"), as: "paul")
        return c
    }

    @Test func deferringRecordsTheTargetAndReason() throws {
        var c = try withProposal()
        let produced = try c.run(.postpone(1, to: "2026-12", reason: "  wait for the competitor's list "), as: "maria")
        #expect(produced == [.proposalDeferred(ProposalDeferred(number: 1, to: "2026-12", reason: "wait for the competitor's list"))])
        let p = try #require(c.register.proposals[1])
        #expect(p.deferrals.count == 1)
        #expect(p.deferrals.first?.from == "2026-11")
        #expect(p.deferrals.first?.to == "2026-12")
        #expect(p.deferrals.first?.by == "maria")
        #expect(p.dueIn == "2026-12")
    }

    /// The leader, the sponsor and a decider role may defer.
    @Test(arguments: ["maria", "omar", "carla"])
    func whoMayDefer(who: String) throws {
        var c = try withProposal()
        try c.run(.postpone(1, to: "2027-01"), as: who)
        #expect(c.register.proposals[1]?.dueIn == "2027-01")
    }

    @Test func deferredIsNotOpenHereButOpenInTheTargetCycle() throws {
        var c = try withProposal()
        try c.run(.postpone(1, to: "2026-12"), as: "maria")
        let p = try #require(c.register.proposals[1])
        #expect(p.state(in: "2026-11") == .deferred)
        #expect(c.openProposalLabels.isEmpty)
        #expect(c.register.proposals(of: "2026-11").map(\.label) == ["P-1"], "still listed where it was raised, as deferred")
        #expect(p.state(in: "2026-12") == .open)
        #expect(c.register.openProposals(of: "2026-12").map(\.label) == ["P-1"])
        let december = try c.following()
        #expect(december.openProposalLabels == ["P-1"])
    }

    /// Deferred two months ahead: not in the month between, open in the target month.
    @Test func deferredPastTheNextMonth() throws {
        var c = try withProposal()
        try c.run(.postpone(1, to: "2027-01"), as: "maria")
        #expect(c.register.proposals(of: "2026-12").isEmpty)
        #expect(c.register.openProposals(of: "2027-01").map(\.label) == ["P-1"])
        #expect(c.register.proposals[1]?.state(in: "2026-12") == .deferred)
    }

    @Test func deferringAgainFromTheTargetCycle() throws {
        var c = try withProposal()
        try c.run(.postpone(1, to: "2026-12"), as: "maria")
        var december = try c.following()
        try december.run(.postpone(1, to: "2027-02", reason: "still no price list"), as: "omar")
        let p = try #require(december.register.proposals[1])
        #expect(p.deferrals.map(\.to) == ["2026-12", "2027-02"])
        #expect(p.deferrals.last?.from == "2026-12")
        #expect(december.openProposalLabels.isEmpty)
        #expect(december.register.openProposals(of: "2027-02").map(\.label) == ["P-1"])
    }

    @Test func aDecidedProposalCannotBeDeferred() throws {
        var c = try withProposal()
        try c.run(.decide(1, "Raise by 2%"), as: "omar")
        let r = c.refusal(.postpone(1, to: "2026-12"), as: "maria")
        #expect(r?.rule == .itemState)
        #expect(r?.message.contains("P-1 was decided as D-1") == true, "\(r?.message ?? "")")
    }

    @Test(arguments: ["2026-11", "2026-10", "2025-12"])
    func onlyToALaterCycle(month: String) throws {
        var c = try withProposal()
        let r = c.refusal(.postpone(1, to: month), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("later cycle than 2026-11") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("--to 2026-12") == true, "suggests the next month: \(r?.fix ?? "")")
    }

    @Test(arguments: ["2026-13", "2026-1", "next month", "", "2026-12-01"])
    func theMonthMustBeAMonth(month: String) throws {
        var c = try withProposal()
        let r = c.refusal(.postpone(1, to: month), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("is not a month") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("YYYY-MM") == true)
    }

    @Test(arguments: ["", "   "])
    func aReasonIsRequired(reason: String) throws {
        var c = try withProposal()
        let r = c.refusal(.postpone(1, to: "2026-12", reason: reason), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("reason is empty") == true, "\(r?.message ?? "")")
    }

    @Test func anUnknownProposal() throws {
        var c = try withProposal()
        let r = c.refusal(.postpone(4, to: "2026-12"), as: "maria")
        #expect(r?.rule == .unknownItem)
        #expect(r?.message.contains("P-4") == true)
    }
}
