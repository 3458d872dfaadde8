import Foundation
import GRDB
import Testing

/// The plan figures read the kept values of the plan files (`plan_values`) by index; the files stay
/// the record. On the record `Playbooks/plan-history.sop` leaves: the figures are the same read by
/// index, read from the files' bytes, and after an upgrade from a record made before the index.
@Suite struct PlanValueIndexTests {
    static let after = ["SOP_NOW": "2026-11-23T09:00:00Z"]

    /// Every figure that reads plan values, as JSON text.
    static let figures: [[String]] = [
        ["--json", "balance"], ["--json", "balance", "--family", "Lounge"],
        ["--json", "accuracy"], ["--json", "accuracy", "--months", "2"], ["--json", "accuracy", "--lag", "2"],
        ["--json", "accuracy", "--family", "Dining"], ["--json", "--cycle", "2026-10", "accuracy"],
        ["--json", "plan", "diff"], ["--json", "scenario", "compare"], ["agenda", "--format", "json"],
        ["--cycle", "2026-10", "agenda", "--format", "json"],
    ]

    static func outputs(_ box: Sandbox) throws -> [String] {
        try figures.map { try box.ok($0, env: after).out }
    }

    static func played() throws -> Sandbox {
        let box = try Sandbox()
        _ = try box.ok(["play", Package.path("Playbooks/plan-history.sop")])
        return box
    }

    static func count(_ box: Sandbox, _ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: box.db)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    static func write(_ box: Sandbox, _ sql: String) throws {
        let queue = try DatabaseQueue(path: box.db)
        defer { try? queue.close() }
        try queue.write { try $0.execute(sql: sql) }
    }

    @Test func everySubmittedPlanFileIsKeptAtSubmit() throws {
        let box = try Self.played()
        // Each distinct plan file of the playbook (demand, supply, actuals... of four cycles, and the
        // scenario) has its values kept, row for row.
        let files = try Self.count(box, "SELECT count(*) FROM plan_readings")
        #expect(files >= 4 * 5, "\(files) plan files kept")
        let rows = try Self.count(box, "SELECT count(*) FROM plan_values")
        #expect(rows > files * 3, "\(rows) rows")
        #expect(try Self.count(box, "SELECT count(*) FROM plan_readings r WHERE NOT EXISTS (SELECT 1 FROM artifacts a WHERE a.sha256 = r.file)") == 0)
    }

    @Test func theFiguresReadTheKeptValues() throws {
        let box = try Self.played()
        let before = try box.ok(["--json", "accuracy", "--months", "24"], env: Self.after).out
        // A kept forecast changed behind sop's back moves the figure: the index is what is read.
        try Self.write(box, """
            UPDATE plan_values SET figures = 'quantity=1' WHERE month IS NOT NULL AND reading LIKE 'demand%'
            """)
        let changed = try box.ok(["--json", "accuracy", "--months", "24"], env: Self.after).out
        #expect(changed != before)
        // ...and the audit, which reads every file again, says so.
        let audit = try box.run(["audit", "verify"], env: Self.after)
        #expect(audit.code == 1 && audit.out.contains("differ from the file: they were edited"), "\(audit)")
    }

    @Test func theFiguresAreTheSameReadFromTheFilesBytes() throws {
        let box = try Self.played()
        let indexed = try Self.outputs(box)
        try Self.write(box, "DELETE FROM plan_values; DELETE FROM plan_readings;")
        #expect(try Self.count(box, "SELECT count(*) FROM plan_readings") == 0)
        let fromFiles = try Self.outputs(box)
        for (i, args) in Self.figures.enumerated() {
            #expect(indexed[i] == fromFiles[i], "\(args.joined(separator: " ")) differs read from the files")
        }
    }

    @Test func aRecordFromBeforeTheIndexGainsItOnOpenWithTheSameFigures() throws {
        let box = try Self.played()
        let indexed = try Self.outputs(box)
        let kept = try Self.count(box, "SELECT count(*) FROM plan_values")
        // The record as the previous release left it: no tables, the migration not applied.
        try Self.write(box, """
            DROP TABLE plan_values; DROP TABLE plan_readings;
            DELETE FROM grdb_migrations WHERE identifier = 'v7-plan-values';
            """)
        _ = try box.ok(["--json", "status"], env: Self.after)
        #expect(try Self.count(box, "SELECT count(*) FROM plan_values") == kept, "the upgrade keeps every file's values")
        let upgraded = try Self.outputs(box)
        for (i, args) in Self.figures.enumerated() {
            #expect(indexed[i] == upgraded[i], "\(args.joined(separator: " ")) differs after the upgrade")
        }
        let audit = try box.run(["audit", "verify"], env: Self.after)
        #expect(audit.code == 0 && !audit.out.contains("plan_values"), "\(audit)")
    }
}
