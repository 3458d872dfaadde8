import Foundation
import SOPCore
import Testing

/// `cycle open` far from the clock's month needs `--force`; `cycle cancel` takes back a cycle opened
/// by mistake while nothing was recorded in it.
@Suite struct FarOffCyclesAndCancellingAMistake {
    static let today = Day(year: 2026, month: 11, day: 5)

    func open(_ month: String, force: Bool = false, existing: [String] = [], cancelled: [String] = []) throws(Refusal) -> EventPayload {
        try CycleState.decideOpen(
            cycle: CycleMonth(month) ?? CycleMonth(year: 1, month: 1), workflow: Fixture.workflow(), hash: "h", existing: existing,
            cancelled: cancelled, today: Self.today, force: force, by: Fixture.team.participants[0], team: Fixture.team)
    }

    @Test(arguments: ["2026-10", "2026-11", "2026-12", "2027-02"])
    func monthsNearTheClockOpen(month: String) throws {
        _ = try open(month)
    }

    @Test(arguments: [("2030-01", "cycle 2030-01 is 38 months after the clock's month 2026-11"),
                      ("2026-09", "cycle 2026-09 is 2 months before the clock's month 2026-11"),
                      ("2027-03", "cycle 2027-03 is 4 months after the clock's month 2026-11")])
    func farOffMonthsNeedForce(month: String, message: String) throws {
        #expect(throws: Refusal(
            .farOffCycle, message,
            fix: "check the month: 2026-10 to 2027-02 open as they are; add --force if \(month) is meant")) {
            try open(month)
        }
        _ = try open(month, force: true)
    }

    @Test func aCancelledMonthMayBeOpenedAgainButNotAnOpenOne() throws {
        #expect(throws: Refusal.self) { try open("2026-12", existing: ["2026-12"]) }
        _ = try open("2026-12", existing: ["2026-12"], cancelled: ["2026-12"])
    }

    @Test func theLeaderCancelsAnEmptyCycleWithAReason() throws {
        var c = try Cycle()
        #expect(c.refusal(.cancel(reason: "typo"), as: "dan")?.rule == .permission)
        #expect(c.refusal(.cancel(reason: "  "), as: "maria")?.rule == .badArgument)
        try c.run(.waive("gather", "nothing to gather"), as: "maria")
        let produced = try c.run(.cancel(reason: "typo: meant 2027-01"), as: "maria")
        #expect(produced == [.cycleCancelled(CycleCancelled(reason: "typo: meant 2027-01"))])
        #expect(c.state.isCancelled && !c.state.isClosed)
        #expect(c.state.stateWord == "cancelled")
        #expect(c.report.state == "cancelled")
    }

    @Test func aCancelledCycleTakesNoMoreCommands() throws {
        var c = try Cycle()
        try c.run(.cancel(reason: "typo"), as: "maria")
        for command in [CycleCommand.note("gather", "history", "x"), .waive("gather", "r"), .close, .cancel(reason: "again"), .propose("p")] {
            let r = c.refusal(command, as: "maria")
            #expect(r?.rule == .cycleCancelled, "\(command)")
            #expect(r?.message == "cycle 2026-11 was cancelled (typo)")
        }
    }

    @Test func aCycleWithASubmittedInputCannotBeCancelled() throws {
        var c = try Cycle()
        try c.run(.note("gather", "history", "exported"), as: "dan")
        try c.run(.reject("gather", "wrong month"), as: "maria")
        let r = c.refusal(.cancel(reason: "typo"), as: "maria")
        #expect(r?.rule == .cycleHasWork)
        #expect(r?.message.contains("gather history") == true, "names what was submitted, even if rejected")
    }

    @Test func aCycleWithFollowUpItemsCannotBeCancelled() throws {
        var c = try Cycle.exec()
        try c.run(.propose("Add a shift"), as: "maria")
        let r = c.refusal(.cancel(reason: "typo"), as: "maria")
        #expect(r?.rule == .cycleHasWork)
        #expect(r?.message.contains("P-1") == true)
    }

    @Test func aCycleClosedCannotBeCancelled() throws {
        var c = try Cycle()
        for stage in Fixture.stageIDs { try c.run(.waive(stage, "quiet month"), as: "maria") }
        try c.run(.close, as: "maria")
        #expect(c.refusal(.cancel(reason: "typo"), as: "maria")?.rule == .cycleClosed)
    }
}
