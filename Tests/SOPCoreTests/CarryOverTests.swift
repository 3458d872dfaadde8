import SOPCore
import Testing

/// Follow-up items outlive their cycle: open actions carry over until they are done or cancelled,
/// numbers continue across cycles, and each cycle sees its own items plus the live ones.
@Suite struct CarryOverTests {
    static let due = Day(year: 2026, month: 11, day: 20)

    /// November with A-1 (paul) left open and A-2 (fiona) done in November.
    func november() throws -> Cycle {
        var c = try Cycle.exec()
        try c.run(.action("Confirm overtime with the union", owner: "paul", due: Self.due), as: "maria")
        try c.run(.action("Send the price letter", owner: "fiona", due: Self.due), as: "maria")
        try c.run(.completeAction(2, note: "sent"), as: "fiona")
        return c
    }

    @Test func anOpenActionIsListedInLaterCyclesUntilClosed() throws {
        let c = try november()
        #expect(c.register.openActions(of: "2026-11").map(\.label) == ["A-1"])
        #expect(c.register.actions(of: "2026-11").map(\.label) == ["A-1", "A-2"])
        #expect(c.register.openActions(of: "2026-12").map(\.label) == ["A-1"], "carried over")
        #expect(c.register.actions(of: "2026-12").map(\.label) == ["A-1"], "A-2 was closed in November")
        #expect(c.register.openActions(of: "2027-03").map(\.label) == ["A-1"], "for as long as it is open")
        #expect(c.register.actions(of: "2026-10").isEmpty, "not in cycles before it was added")
    }

    @Test func closedInDecemberIsListedInDecemberButNotAfter() throws {
        var december = try november().following()
        #expect(december.openActionLabels == ["A-1"])
        try december.run(.completeAction(1, note: "agreed"), as: "paul")
        let a = try #require(december.register.actions[1])
        #expect(a.cycle == "2026-11")
        #expect(a.closedIn == "2026-12")
        #expect(december.register.actions(of: "2026-12").map(\.label) == ["A-1"], "closed during December")
        #expect(december.openActionLabels.isEmpty)
        #expect(december.register.actions(of: "2026-11").map(\.label) == ["A-1", "A-2"], "November still lists its own")
        let january = try december.following()
        #expect(january.register.actions(of: "2027-01").isEmpty)
    }

    @Test func numbersContinueAcrossCycles() throws {
        var december = try november().following()
        try december.run(.action("Book the outsourcer", owner: "paul", due: december.today), as: "omar")
        try december.run(.propose("Raise prices"), as: "maria")
        try december.run(.decide(1, "Raise by 2%"), as: "omar")
        #expect(december.register.actions[3]?.cycle == "2026-12")
        #expect(december.openActionLabels == ["A-1", "A-3"])
    }

    /// The carried-over action can be reassigned and cancelled in the later cycle by its owner or the leader.
    @Test func aCarriedOverActionIsClosedLikeAnyOther() throws {
        var december = try november().following()
        #expect(december.refusal(.cancelAction(1, reason: "moot"), as: "fiona")?.rule == .permission)
        try december.run(.reassignAction(1, owner: "fiona"), as: "paul")
        try december.run(.cancelAction(1, reason: "the union agreed by itself"), as: "fiona")
        #expect(december.register.actions[1]?.state == .cancelled)
        #expect(december.register.actions[1]?.closedIn == "2026-12")
        let closed = december.refusal(.completeAction(1, note: nil), as: "maria")
        #expect(closed?.rule == .itemState)
    }

    /// A proposal raised earlier and never settled stays open in later cycles; decided, it drops out.
    @Test func proposalsCarryOverWhileUndecided() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Raise prices"), as: "maria")
        try c.run(.propose("Add a shift"), as: "maria")
        try c.run(.decide(2, "Add it"), as: "omar")
        var december = try c.following()
        #expect(december.openProposalLabels == ["P-1"])
        #expect(december.register.proposals(of: "2026-12").map(\.label) == ["P-1"], "P-2 was decided in November")
        try december.run(.decide(1, "Raise by 2%"), as: "omar")
        #expect(december.register.proposals(of: "2026-12").map(\.label) == ["P-1"], "decided in December: listed there")
        #expect(december.openProposalLabels.isEmpty)
        #expect(december.register.decisions(of: "2026-12").map(\.label) == ["D-2"])
        #expect(december.register.decisions(of: "2026-11").map(\.label) == ["D-1"])
        let january = try december.following()
        #expect(january.register.proposals(of: "2027-01").isEmpty)
    }
}
