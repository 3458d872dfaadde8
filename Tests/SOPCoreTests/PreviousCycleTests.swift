import SOPCore
import Testing

/// The one rule for the cycle a cycle looks back to: the previous meeting (for the agenda's new
/// proposals) and the cycle an action was carried over from (agenda, `status`, `actions`).
@Suite("The previous meeting and the carried-over cycle are found one way")
struct PreviousCycleTests {
    @Test func thePreviousCycleIsTheLatestEarlierMonthWhateverTheOrder() {
        let ids = ["2026-12", "2026-09", "2027-01", "2026-11"]
        #expect(PreviousMeeting.cycle(before: "2026-12", among: ids) == "2026-11")
        #expect(PreviousMeeting.cycle(before: "2027-02", among: ids) == "2027-01")
        #expect(PreviousMeeting.cycle(before: "2026-09", among: ids) == nil)
    }

    @Test func aMeetingIsHeldWhenItsStageIsDoneAndNotBefore() throws {
        var c = try Cycle.exec()
        try c.reachMeeting()
        #expect(PreviousMeeting(of: c.state) == PreviousMeeting(cycle: "2026-11", heldAt: nil))
        try c.run(.decide(nil, "Freeze the price list", rationale: "the market is flat"), as: "omar")
        try c.run(.sign(ExecFixture.meeting), as: "omar")
        let held = try #require(c.state.record(ExecFixture.meeting).completedAt)
        #expect(PreviousMeeting(of: c.state) == PreviousMeeting(cycle: "2026-11", heldAt: held))
    }

    @Test func anActionIsCarriedOverFromTheCycleThatAddedItIntoLaterOnes() throws {
        var c = try Cycle.exec()
        try c.run(.action("Confirm overtime", owner: "paul", due: Day(year: 2026, month: 11, day: 20)), as: "maria")
        let a = try #require(c.register.actions[1])
        #expect(a.carriedOver(into: "2026-11") == nil)
        #expect(a.carriedOver(into: "2026-12") == "2026-11")
        #expect(a.carriedOver(into: "2027-02") == "2026-11")
    }
}

/// Who holds a role is worked out once (`Team.holdings`), for permissions, refusals and `why`.
@Suite("Role holders are found one way")
struct RoleHoldingTests {
    @Test func holdersComeInTeamOrderWithTheRolesTheyHold() {
        let holdings = Fixture.team.holdings(of: ["sales", "demand"])
        #expect(holdings.map(\.described) == ["dan (demand)", "dora (demand)", "sally (sales)", "kim (sales, demand)"])
        #expect(Fixture.team.holders(of: "sales").map(\.id) == ["sally", "kim"])
        #expect(Fixture.team.holdings(of: ["cfo"]).isEmpty)
    }
}
