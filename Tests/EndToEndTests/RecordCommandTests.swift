import Foundation
import Testing

/// `audit verify`, `check` and `backup` through the binary, against files edited with the real
/// `sqlite3` shell, as someone tampering with the record would.
@Suite struct RecordCommandTests {
    /// A database with a played first cycle (files, sign-offs, decisions, actions).
    static func played() throws -> Sandbox {
        let box = try Sandbox()
        let result = try box.run(["--now", "2026-11-02T09:00:00Z", "play", Package.path("Playbooks/first-cycle.sop")])
        #expect(result.code == 0, "\(result)")
        return box
    }

    /// Runs the `sqlite3` shell on the file; returns what it printed.
    @discardableResult
    static func sqlite(_ db: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [db, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw E2EError("sqlite3 failed on \(sql)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every row of every table, as the sqlite3 shell dumps it (WAL included).
    static func dump(_ db: String) throws -> String { try sqlite(db, ".dump") }

    static func fileBytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func aSoundRecordPassesWithOneLineAndItsHead() throws {
        let box = try Self.played()
        let audit = try box.ok(["audit", "verify"])
        #expect(audit.outLines.count == 1)
        #expect(audit.out.hasPrefix("Audit passed: \(try box.eventCount()) events in 1 cycle, chain intact from the genesis to #\(try box.eventCount())"))
        let check = try box.ok(["check"])
        #expect(check.outLines.first == "SQLite integrity check: ok")
        #expect(check.outLines.count == 2)
        let json = try box.ok(["--json", "check"]).json() as? [String: Any]
        let report = json?["audit"] as? [String: Any]
        #expect(report?["ok"] as? Bool == true)
        #expect((report?["head"] as? String)?.count == 64)
        #expect(json?["integrity"] as? [String] == ["ok"])
    }

    @Test func anEditWithTheSqliteShellIsFoundWithItsSequenceNumber() throws {
        let box = try Self.played()
        try Self.sqlite(box.db, "DROP TRIGGER events_are_append_only_update; UPDATE events SET actor = 'sam' WHERE seq = 9;")
        let result = try box.run(["audit", "verify"])
        #expect(result.code == 1, "\(result)")
        #expect(result.outLines.first?.hasPrefix("Audit FAILED: first broken at event #9.") == true, "\(result)")
        #expect(result.out.contains("#9  events: event #9's content does not match its hash"))
        #expect(result.out.contains("events_are_append_only_update is gone"))
        #expect(result.errLines.count == 1 && isErrorLine(result.errLines[0]), "\(result)")
        #expect(result.err.contains("first broken at event #9"))
        let check = try box.run(["--json", "check"])
        #expect(check.code == 1)
        let json = try check.json() as? [String: Any]
        #expect((json?["audit"] as? [String: Any])?["firstBrokenSeq"] as? Int == 9)
    }

    @Test func aDeletedOrInsertedRowIsFound() throws {
        let box = try Self.played()
        try Self.sqlite(box.db, "DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE seq = 20;")
        let deleted = try box.run(["audit", "verify"])
        #expect(deleted.code == 1 && deleted.out.contains("event #20 is missing: it was deleted"), "\(deleted)")

        let other = try Self.played()
        try Self.sqlite(other.db, "INSERT INTO events(cycle, time, actor, type, payload) VALUES ('2026-11', '2026-11-30T00:00:00.000Z', 'maria', 'waived', '{\"stage\":\"execution\",\"reason\":\"x\"}');")
        let inserted = try other.run(["check"])
        #expect(inserted.code == 1 && inserted.out.contains("carries no hash: it was inserted outside sop"), "\(inserted)")
    }

    @Test func checkReportsAFileSQLiteFindsDamaged() throws {
        let box = try Self.played()
        // Everything into the main file, then scribble over the cells at the end of the events
        // table's root page (its header stays, so the file still opens).
        try Self.sqlite(box.db, "PRAGMA wal_checkpoint(TRUNCATE);")
        let root = try Self.sqlite(box.db, "SELECT rootpage FROM sqlite_master WHERE name = 'events';")
        guard let page = Int(root.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw E2EError("no root page: \(root)") }
        var bytes = try Self.fileBytes(box.db)
        let end = page * 4096
        guard bytes.count >= end else { throw E2EError("database unexpectedly small: \(bytes.count)") }
        for i in (end - 600)..<(end - 8) { bytes[i] = 0x5A }
        try bytes.write(to: URL(fileURLWithPath: box.db))
        let result = try box.run(["check"])
        #expect(result.code == 1, "\(result)")
        #expect(result.errLines.last.map(isErrorLine) == true, "\(result)")
        #expect(result.outLines.first == "SQLite integrity check: FAILED", "\(result)")
    }

    @Test func backupWritesAVerifiedCopyAndNeverOverwrites() throws {
        let box = try Self.played()
        let before = try Self.dump(box.db)
        let copy = box.path("copy.db")
        let made = try box.ok(["backup", copy])
        #expect(made.out.hasPrefix("Backed up to \(copy) ("), "\(made)")
        #expect(made.out.contains("the copy passes SQLite's integrity check and the audit"))
        // The copy is a whole database: same record, same head.
        let original = try box.ok(["audit", "verify"]).out
        let restored = try box.run(["--db", copy, "audit", "verify"], db: false)
        #expect(restored.code == 0 && restored.out == original, "\(restored)")
        #expect(try box.run(["--db", copy, "--as", "maria", "status"], db: false).code == 0)
        // A second backup to the same file is refused and changes neither file.
        let copyBytes = try Self.fileBytes(copy)
        let again = try box.run(["backup", copy])
        #expect(again.code == 1 && again.err == "error: \(copy) already exists (name a new file; a backup never overwrites one)\n", "\(again)")
        #expect(try Self.fileBytes(copy) == copyBytes)
        #expect(try Self.dump(box.db) == before)
        let missing = try box.run(["backup", box.path("no/such/folder/x.db")])
        #expect(missing.code == 1 && missing.err.contains("does not exist"), "\(missing)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)
        #expect(try box.run(["backup"]).code == 2)
    }

    @Test func aBackupTakenWhileAnotherProcessWritesIsConsistent() throws {
        let box = try Self.played()
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])
        let lines = (1...150).map { "action add \"Backup race \($0)\" --owner dan --due 2026-11-27" }
        let (writer, outURL, errURL) = try box.process(["--as", "maria"], stdin: lines.joined(separator: "\n") + "\n", env: [:], db: true)
        try writer.run()
        var copies: [String] = []
        for n in 0..<4 {
            let copy = box.path("race-\(n).db")
            let made = try box.run(["backup", copy])
            #expect(made.code == 0, "\(made)")
            copies.append(copy)
        }
        let written = try Sandbox.collect(writer, outURL, errURL)
        #expect(written.code == 0, "\(written)")
        var counts: [Int] = []
        for copy in copies {
            let check = try box.run(["--db", copy, "--json", "check"], db: false)
            #expect(check.code == 0, "\(check)")
            let audit = (try check.json() as? [String: Any])?["audit"] as? [String: Any]
            counts.append(audit?["events"] as? Int ?? -1)
        }
        #expect(counts == counts.sorted(), "each later backup holds at least what the earlier one did: \(counts)")
        #expect(try box.ok(["check"]).code == 0)
    }

    /// The README's "You do not have to trust sop" script, as printed there.
    static func readmeVerifier() throws -> String {
        let readme = try String(contentsOfFile: Package.path("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "You do not have to trust `sop`"),
            let start = readme.range(of: "```python\n", range: section.upperBound..<readme.endIndex),
            let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex)
        else { throw E2EError("README has no verifier script") }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    @Test func theReadmesPythonVerifierAgreesWithSop() throws {
        let box = try Self.played()
        let script = try box.write("verify.py", try Self.readmeVerifier())
        func python() throws -> Outcome {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, box.db]
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Outcome(out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self), code: process.terminationStatus)
        }
        let head = ((try box.ok(["--json", "audit", "verify"]).json() as? [String: Any])?["audit"] as? [String: Any])?["head"] as? String
        let sound = try python()
        #expect(sound.code == 0 && sound.out == "chain intact, head \(head ?? "?")\n", "\(sound)")
        try Self.sqlite(box.db, "DROP TRIGGER events_are_append_only_update; UPDATE events SET actor = 'sam' WHERE seq = 9;")
        let broken = try python()
        #expect(broken.code == 1 && broken.err == "broken at event #9\n", "\(broken)")
        let sop = try box.run(["audit", "verify"])
        // The README's example output of the same edit.
        #expect(sop.out == """
            Audit FAILED: first broken at event #9. 2 problems:
              -  events: the trigger events_are_append_only_update is gone: someone removed the guard that keeps events append-only
              #9  events: event #9's content does not match its hash: it was edited after it was written

            """, "\(sop)")
    }
}
