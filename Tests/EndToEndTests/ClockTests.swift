import Foundation
import Testing

/// The clock: `--now`/`SOP_NOW` forms, a playbook's `clock` line, and a log whose time never runs backwards.
@Suite struct ClockTests {
    @Test func aCommandStampedBeforeTheLastEventIsRefusedAndChangesNothing() throws {
        let box = try Sandbox.executive()
        try box.ok(["--as", "maria", "--now", "2026-11-10T09:00:00Z", "propose", "Add a shift"])
        let refused = try box.failsWith(
            1, ["--as", "maria", "--now", "2026-11-09T09:00:00Z", "propose", "Earlier"],
            mentions: ["2026-11-09 09:00Z", "2026-11-10 09:00Z", "--now"])
        #expect(refused.err.hasPrefix("error: the clock says"))
        try box.failsWith(1, ["--as", "maria", "--now", "2026-11-09", "cycle", "open", "2026-12"], mentions: ["before the last recorded event"])
        // The same minute, or later, is fine.
        try box.ok(["--as", "maria", "--now", "2026-11-10T09:00:00Z", "propose", "Same time"])
        try box.ok(["--as", "maria", "--now", "2026-11-11", "propose", "Later"])
    }

    /// Each form sets the clock: the first use opens the month it names, stamped with the time it
    /// names (a date alone is midday, where the hour depends on the zone), and `status` counts from
    /// that day. The sandbox's own clock (SOP_NOW) says another month, so a `--now` read wrongly or
    /// ignored shows.
    @Test(arguments: [
        ("2027-03-05T09:30", "2027-03-05 09:30Z"), ("2027-03-05", "2027-03-05 "),
        ("2027-03-05T09:30:00Z", "2027-03-05 09:30Z"), ("2027-03-05T09:30:00.250Z", "2027-03-05 09:30Z"),
    ])
    func nowAcceptsTheseForms(text: String, stamp: String) throws {
        let box = try Sandbox()
        #expect(!Sandbox.now.hasPrefix("2027-03"), "the sandbox clock must differ from the --now under test")
        let status = try box.ok(["--now", text, "status"])
        #expect(status.out.hasPrefix("Cycle 2027-03 "), "\(status)")
        #expect(status.out.contains("today 2027-03-05"), "\(status)")
        let log = try #require(try box.ok(["--json", "log"]).json() as? [[String: Any]])
        #expect((log.first?["time"] as? String)?.hasPrefix(stamp) == true, "\(log)")
    }

    @Test(arguments: ["2026-11-5", "yesterday", "2026-11-05T25:00", "05/11/2026"])
    func nowRefusesOtherText(text: String) throws {
        let box = try Sandbox()
        let result = try box.run(["--now", text, "status"])
        #expect(result.code == 2, "\(result)")
        #expect(result.err.contains("'\(text)' is not a time"))
        #expect(!box.databaseExists, "a usage error creates no database")
    }

    @Test func aPlaybookClockLineMovesTheClockForward() throws {
        let box = try Sandbox()
        let file = box.folder.appendingPathComponent("clock.sop")
        try """
            as maria
            cycle open 2026-11
            clock 2026-11-20T14:00
            action add "Call the supplier" --owner omar --due 2026-11-20
            # Due dates before the playbook's clock are refused.
            expect-refused action add "Too late" --owner omar --due 2026-11-19
            clock 2026-11-10
            expect-refused action done A-1
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try box.run(["--now", "2026-11-02T09:00:00Z", "play", file.path])
        #expect(result.code == 0, "\(result)")
        let log = try box.ok(["--json", "log"]).out
        #expect(log.contains("\"time\" : \"2026-11-20 14:00Z\""), "\(log)")
    }

    @Test func aBadClockLineStopsThePlaybookAtItsLine() throws {
        let box = try Sandbox()
        let file = box.folder.appendingPathComponent("bad.sop")
        try "as maria\ncycle open 2026-11\nclock next tuesday\nstatus\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try box.run(["--now", "2026-11-02T09:00:00Z", "play", file.path])
        #expect(result.code != 0)
        #expect(result.err.contains("bad.sop:3: error: clock 'next tuesday' is not a time"), "\(result)")
        #expect(!result.out.contains("> status"), "nothing after the failing line runs")
    }
}
