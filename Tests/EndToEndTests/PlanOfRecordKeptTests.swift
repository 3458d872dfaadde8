import Foundation
import GRDB
import Testing

/// Each cycle's plans of record are kept in `plans_of_record` by the commands that change them, and
/// the figures over the history read that table. On the record `Playbooks/plan-history.sop` leaves:
/// after submissions, a promoting decision, a superseding one and a rejection, the kept rows are what
/// a fresh working out from the log makes (the v8 migration run again on a copy of the record), the
/// figures read them, and `audit verify` reports an edited row.
@Suite struct PlanOfRecordKeptTests {
    static let after = ["SOP_NOW": "2026-11-23T09:00:00Z"]

    /// The kept rows, one line each, in key order.
    static func kept(_ box: Sandbox) throws -> [String] {
        let queue = try DatabaseQueue(path: box.db)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM plans_of_record ORDER BY cycle, kind").map { row in
                row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
            }
        }
    }

    /// The kept rows that name a file (a row whose file is NULL says none stands, as no row does).
    static func standing(_ box: Sandbox) throws -> [String] { try kept(box).filter { !$0.contains("file=NULL") } }

    /// The rows a fresh working out makes: the table dropped and the migration that fills it run again.
    static func workedOutAgain(_ box: Sandbox) throws -> [String] {
        let copy = try Sandbox()
        try? FileManager.default.removeItem(atPath: copy.db)
        try FileManager.default.copyItem(atPath: box.db, toPath: copy.db)
        try PlanValueIndexTests.write(copy, """
            DROP TABLE plans_of_record;
            DELETE FROM grdb_migrations WHERE identifier = 'v8-plans-of-record';
            """)
        _ = try copy.ok(["--json", "status"], env: after)
        return try kept(copy)
    }

    static func expectKeptIsFresh(_ box: Sandbox, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let kept = try Self.standing(box)
        #expect(!kept.isEmpty, "\(step): no plans of record kept", sourceLocation: sourceLocation)
        #expect(kept == (try workedOutAgain(box)), "\(step): the kept plans of record differ from a fresh working out", sourceLocation: sourceLocation)
        let audit = try box.run(["audit", "verify"], env: after)
        #expect(audit.code == 0 && !audit.out.contains("plans_of_record"), "\(step): \(audit)", sourceLocation: sourceLocation)
    }

    static func supply(_ box: Sandbox, of cycle: String) throws -> String? {
        try kept(box).first { $0.hasPrefix("cycle=\"\(cycle)\" kind=\"supply\"") }
    }

    @Test func submissionsDecisionsAndRejectionsKeepThePlansOfRecordAsTheLogMakesThem() throws {
        let box = try PlanValueIndexTests.played()
        // Four cycles of submissions, and D-4 promoting the overtime scenario of November's supply plan.
        try Self.expectKeptIsFresh(box, "after the playbook")
        #expect(try Self.kept(box).count == 4 * 7)
        let promoted = try Self.supply(box, of: "2026-11")
        #expect(promoted?.contains("file_name=\"supply-2026-11-overtime.csv\"") == true && promoted?.contains("decision=4") == true, "\(promoted ?? "none")")

        // Superseding D-4 with the baseline restores the submitted version.
        _ = try box.ok(
            ["--as", "sam", "decide", "Accept the backlog after all", "--supersedes", "D-4", "--option", "baseline", "--rationale", "No crew"],
            env: ["SOP_NOW": "2026-11-23T09:05:00Z"])
        let restored = try Self.supply(box, of: "2026-11")
        #expect(restored?.contains("file_name=\"supply-2026-11.csv\"") == true && restored?.contains("version=1") == true, "\(restored ?? "none")")
        try Self.expectKeptIsFresh(box, "after the superseding decision")

        // Rejecting the supply plan leaves nothing standing for it: the row says none.
        _ = try box.ok(
            ["--as", "maria", "reject", "supply-review", "--reason", "Line 1 numbers are wrong", "--input", "supply-plan"],
            env: ["SOP_NOW": "2026-11-23T09:10:00Z"])
        let rejected = try Self.supply(box, of: "2026-11")
        #expect(rejected?.contains("file=NULL") == true, "\(rejected ?? "none")")
        try Self.expectKeptIsFresh(box, "after the rejection")
    }

    @Test func theHistoryFiguresReadTheKeptPlansOfRecord() throws {
        let box = try PlanValueIndexTests.played()
        let before = try box.ok(["--json", "plan", "diff"], env: Self.after).out
        #expect(before.contains("\"kind\" : \"demand\""), "November against October has a demand change")
        // October's demand plan of record pointed at November's file behind sop's back: `plan diff`
        // reads the earlier cycle's plan of record from the kept table, so the demand change is gone.
        try PlanValueIndexTests.write(box, """
            UPDATE plans_of_record SET file = (SELECT file FROM plans_of_record WHERE cycle = '2026-11' AND kind = 'demand')
            WHERE cycle = '2026-10' AND kind = 'demand'
            """)
        let changed = try box.ok(["--json", "plan", "diff"], env: Self.after).out
        #expect(!changed.contains("\"kind\" : \"demand\""), "\(changed)")
        // ...and the audit, which works every cycle's plans of record out from the log, says so.
        let audit = try box.run(["audit", "verify"], env: Self.after)
        #expect(audit.code == 1 && audit.out.contains("plans of record kept for cycle 2026-10 differ"), "\(audit)")
    }

    @Test func anEditedOriginIsFoundByTheAudit() throws {
        let box = try PlanValueIndexTests.played()
        try PlanValueIndexTests.write(box, "UPDATE plans_of_record SET version = 7 WHERE cycle = '2026-08' AND kind = 'capacity'")
        let audit = try box.run(["audit", "verify"], env: Self.after)
        #expect(audit.code == 1 && audit.out.contains("plans of record kept for cycle 2026-08 differ"), "\(audit)")
    }

    @Test func aRecordFromBeforeTheTableGainsItOnOpenWithTheSameFigures() throws {
        let box = try PlanValueIndexTests.played()
        let figures = try PlanValueIndexTests.outputs(box)
        let upgraded = try Sandbox()
        try? FileManager.default.removeItem(atPath: upgraded.db)
        try FileManager.default.copyItem(atPath: box.db, toPath: upgraded.db)
        try PlanValueIndexTests.write(upgraded, """
            DROP TABLE plans_of_record;
            DELETE FROM grdb_migrations WHERE identifier = 'v8-plans-of-record';
            """)
        let again = try PlanValueIndexTests.outputs(upgraded)
        for (i, args) in PlanValueIndexTests.figures.enumerated() {
            #expect(figures[i] == again[i], "\(args.joined(separator: " ")) differs after the upgrade")
        }
        #expect(try Self.kept(upgraded) == (try Self.kept(box)))
    }
}
