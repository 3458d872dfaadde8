import Foundation
import SOPCore
import SOPText
import Testing

/// `status` gains the counts of open proposals, open actions and overdue actions.
@Suite struct FollowUpStatusTests {
    static let due = Day(year: 2026, month: 11, day: 20)

    @Test func aFreshCycleCountsNothing() throws {
        let c = try Cycle.exec()
        #expect(c.report.openProposals == 0)
        #expect(c.report.openActions == 0)
        #expect(c.report.overdueActions == 0)
    }

    @Test func countsOpenProposalsAndActions() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Add a shift"), as: "maria")  // P-1 open
        try c.run(.propose("Raise prices"), as: "maria")  // P-2 decided
        try c.run(.propose("Drop a product"), as: "maria")  // P-3 deferred
        try c.run(.decide(2, "Raise by 2%"), as: "omar")
        try c.run(.postpone(3, to: "2027-01"), as: "maria")
        try c.run(.action("Call the union", owner: "paul", due: Self.due), as: "maria")  // A-1 open
        try c.run(.action("Price letter", owner: "fiona", due: Self.due), as: "maria")  // A-2 done
        try c.run(.action("Book outsourcer", owner: "paul", due: c.today), as: "maria")  // A-3 cancelled
        try c.run(.completeAction(2, note: nil), as: "fiona")
        try c.run(.cancelAction(3, reason: "moot"), as: "paul")
        let r = c.report
        #expect(r.openProposals == 1)
        #expect(r.openActions == 1)
        #expect(r.overdueActions == 0)
    }

    /// Overdue: open, and its due date is before today (not on it).
    @Test(arguments: [("2026-11-19", 0), ("2026-11-20", 0), ("2026-11-21", 1), ("2026-12-01", 1)])
    func overdueActions(today: String, overdue: Int) throws {
        var c = try Cycle.exec()
        try c.run(.action("Call the union", owner: "paul", due: Self.due), as: "maria")
        try c.run(.action("Price letter", owner: "fiona", due: Self.due), as: "maria")
        try c.run(.completeAction(2, note: nil), as: "fiona")
        c.today = try ExecFixture.day(today)
        #expect(c.report.overdueActions == overdue)
        #expect(c.report.openActions == 1)
        #expect(c.register.actions[1]?.isOverdue(on: c.today) == (overdue == 1))
        #expect(c.register.actions[2]?.isOverdue(on: c.today) == false, "a closed action is never overdue")
    }

    @Test func carriedOverItemsCountInTheLaterCycle() throws {
        var c = try Cycle.exec()
        try c.run(.action("Call the union", owner: "paul", due: Self.due), as: "maria")
        try c.run(.propose("Raise prices"), as: "maria")
        try c.run(.postpone(1, to: "2026-12"), as: "maria")
        #expect(c.report.openProposals == 0, "deferred away from November")
        let december = try c.following()
        #expect(december.report.cycle == "2026-12")
        #expect(december.report.openProposals == 1)
        #expect(december.report.openActions == 1)
        #expect(december.report.overdueActions == 1, "due 2026-11-20, still open on \(december.today)")
    }

    /// The JSON of `status` carries the counts under these keys.
    @Test func theCountsAreInTheJSON() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Raise prices"), as: "maria")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(StatusReportJSON(c.report))) as? [String: Any]
        #expect(json?["openProposals"] as? Int == 1)
        #expect(json?["openActions"] as? Int == 0)
        #expect(json?["overdueActions"] as? Int == 0)
        let stages = json?["stages"] as? [[String: Any]]
        #expect(stages?.last?["unmetRequirements"] as? [String] == ["decisions: P-1 is open", "decisions: none recorded yet"])
        #expect(stages?.first?["unmetRequirements"] as? [String] == [], "demand requires nothing")
    }

    @Test func aWaitingMeetingStillListsWhatItLacks() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Raise prices"), as: "maria")
        #expect(c.state(ExecFixture.meeting) == .waiting)
        #expect(try c.status(ExecFixture.meeting).unmetRequirements.map(ReasonText.requirement) == ["decisions: P-1 is open", "decisions: none recorded yet"])
    }
}
