import Foundation
import Testing

/// A typo'd `cycle open 2030-01`: refused without --force; once forced, cancelled by the leader, kept in
/// the record, never the default cycle, and the month can still be opened properly later.
@Suite struct ATypoedCycleCanBeRefusedCancelledAndOpenedAgain {
    @Test func theWholeStory() throws {
        let box = try Sandbox()
        try box.ok(["init"])
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"])
        let typo = try box.run(["--as", "maria", "cycle", "open", "2030-01"])
        #expect(typo.code == 1, "\(typo)")
        #expect(typo.err.hasPrefix("error: cycle 2030-01 is 38 months after the clock's month 2026-11 ("), "\(typo)")
        #expect(typo.err.contains("--force"), "\(typo)")
        let events = try box.eventCount()

        try box.ok(["--as", "maria", "cycle", "open", "2030-01", "--force"])
        #expect(try box.eventCount() == events + 1)
        let refused = try box.run(["--as", "dan", "cycle", "cancel", "--reason", "typo"])
        #expect(refused.code == 1, "only the leader: \(refused)")
        let cancelled = try box.ok(["--as", "maria", "cycle", "cancel", "--reason", "typo: meant 2026-12"])
        #expect(cancelled.out.contains("cancelled the cycle: typo: meant 2026-12"), "\(cancelled)")

        // Never the default: commands act on 2026-11 again.
        let status = try box.ok(["--json", "status"])
        #expect((try status.json() as? [String: Any])?["cycle"] as? String == "2026-11")
        let list = try box.ok(["--json", "cycle", "list"])
        let rows = try #require(try list.json() as? [[String: Any]])
        #expect(rows.map { "\($0["id"] ?? "") \($0["state"] ?? "")" } == ["2026-11 open", "2030-01 cancelled"])
        let shown = try box.ok(["--json", "--cycle", "2030-01", "status"])
        #expect((try shown.json() as? [String: Any])?["state"] as? String == "cancelled")
        let submit = try box.run(["--as", "maria", "--cycle", "2030-01", "waive", "data-gathering", "--reason", "r"])
        #expect(submit.code == 1 && submit.err.contains("cycle 2030-01 was cancelled"), "\(submit)")

        // The month opens again properly later (forced, it is still far off), and the record stays sound.
        try box.ok(["--as", "maria", "cycle", "open", "2030-01", "--force"])
        let again = try box.ok(["--json", "--cycle", "2030-01", "status"])
        #expect((try again.json() as? [String: Any])?["state"] as? String == "open")
        try box.ok(["--as", "dan", "--cycle", "2030-01", "submit", "data-gathering", "sales-actuals", Sample.salesActuals])
        let audit = try box.ok(["--json", "audit", "verify"])
        let report = (try audit.json() as? [String: Any])?["audit"] as? [String: Any]
        #expect(report?["ok"] as? Bool == true, "\(audit)")
        #expect(report?["cycles"] as? Int == 2, "\(audit)")
        let log = try box.ok(["--cycle", "2030-01", "log"])
        #expect(log.out.contains("cancelled the cycle"), "the cancelled cycle stays in the record: \(log)")
    }

    @Test func aCycleWithAnInputCannotBeCancelled() throws {
        let box = try Sandbox()
        try box.ok(["init"])
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"])
        try box.ok(["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals])
        let events = try box.eventCount()
        let result = try box.run(["--as", "maria", "cycle", "cancel", "--reason", "typo"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("inputs were submitted in it (data-gathering sales-actuals)"), "\(result)")
        #expect(try box.eventCount() == events)
    }
}

/// `expect cycle STATE` in a playbook.
@Suite struct APlaybookExpectsTheCyclesState {
    @Test func cancelledOpenAndClosedAreChecked() throws {
        let box = try Sandbox()
        let file = try box.write("cancel.sop", """
            as maria
            cycle open 2026-11
            expect cycle open
            expect-refused cycle open 2030-01
            cycle open 2030-01 --force
            cycle cancel --reason "typo: meant 2026-12"
            cycle use 2030-01
            expect cycle cancelled
            expect-refused waive data-gathering --reason "no"
            """)
        let result = try box.run(["play", file])
        #expect(result.code == 0, "\(result)")
        #expect(result.outLines.last == "\(file): 5 commands, 4 checks passed", "\(result)")
        let wrong = try box.write("wrong.sop", "as maria\ncycle open 2026-11\nexpect cycle closed\n")
        let failed = try Sandbox().run(["play", wrong])
        #expect(failed.code == 1)
        #expect(failed.err.contains("wrong.sop:3: error: expected cycle 2026-11 to be closed, but it is open"), "\(failed)")
    }
}
