import Foundation
import GRDB
import Testing

@testable import SOPStore

/// `sop copy --to DB` and `sop backup FILE` between the embedded file and the server: a team moves its
/// record to PostgreSQL without losing a month, and takes it back, chain intact, same head hash.
@Suite(.enabled(if: TestServer.available, "SOP_TEST_PG_URL is not set: eval \"$(scripts/pg-cluster start)\""))
struct MovingRecordTests {
    /// A file holding two months of the executive playbook.
    static func played() throws -> Sandbox {
        let box = try Sandbox()
        #expect(try box.run(["--now", "2026-11-02T09:00:00Z", "init"]).code == 0)
        let played = try box.run(["play", Package.path("Playbooks/executive-meeting.sop")])
        #expect(played.code == 0, "\(played)")
        return box
    }

    static func head(_ box: Sandbox, _ store: String) throws -> String? {
        let audit = try box.run(["--db", store, "--json", "audit", "verify"], db: false)
        #expect(audit.code == 0, "\(store): \(audit)")
        return ((try audit.json() as? [String: Any])?["audit"] as? [String: Any])?["head"] as? String
    }

    @Test func aFileMovesToTheServerWorksThereAndComesBackWhole() throws {
        let box = try Self.played()
        let server = try TestServer.database()
        let fileHead = try #require(try Self.head(box, box.db))
        let copied = try box.run(["--db", box.db, "copy", "--to", server], db: false)
        #expect(copied.code == 0, "\(copied)")
        #expect(copied.out.contains(String(fileHead.prefix(16))), "\(copied.out)")
        #expect(try Self.head(box, server) == fileHead)
        #expect(try TestServer.eventCount(server) == (try box.eventCount()))
        // The team goes on on the server: the same reports as the file gave, and new events link on.
        for report in [["status"], ["decisions", "--all-cycles"], ["agenda"]] {
            let onFile = try box.run(["--db", box.db, "--json", "--as", "maria"] + report, db: false)
            let onServer = try box.run(["--db", server, "--json", "--as", "maria"] + report, db: false)
            #expect(onServer.out == onFile.out, "\(report)")
        }
        let noted = try box.run(["--db", server, "--as", "maria", "action", "add", "Check the move", "--owner", "omar", "--due", "2026-12-20"], env: ["SOP_NOW": "2026-12-10T09:00:00Z"], db: false)
        #expect(noted.code == 0, "\(noted)")
        let serverHead = try #require(try Self.head(box, server))
        #expect(serverHead != fileHead)
        // Back into files: the backup (verified before it is put in place) and a copy.
        let backup = box.path("back.db")
        #expect(try box.run(["--db", server, "backup", backup], db: false).code == 0)
        #expect(try Self.head(box, backup) == serverHead)
        let copy = box.path("copy.db")
        #expect(try box.run(["--db", server, "copy", "--to", copy], db: false).code == 0)
        #expect(try Self.head(box, copy) == serverHead)
        let onCopy = try box.run(["--db", copy, "--json", "--as", "maria", "actions"], db: false)
        let onServer = try box.run(["--db", server, "--json", "--as", "maria", "actions"], db: false)
        #expect(onCopy.out == onServer.out && onCopy.out.contains("Check the move"))
    }

    @Test func aCopyNeverOverwritesAndLeavesNothingHalfDone() throws {
        let box = try Self.played()
        let server = try TestServer.database()
        #expect(try box.run(["--db", box.db, "copy", "--to", server], db: false).code == 0)
        let again = try box.run(["--db", box.db, "copy", "--to", server], db: false)
        #expect(again.code == 1 && isErrorLine(again.err.trimmingCharacters(in: .newlines)), "\(again)")
        #expect(again.err.contains("already holds a sop record"))
        let existing = try box.write("taken.db", "not a record")
        let onFile = try box.run(["--db", server, "copy", "--to", existing], db: false)
        #expect(onFile.code == 1 && onFile.err.contains("already exists"), "\(onFile)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "not a record")
    }

    @Test func anEditedEventIsRefusedByTheServerOnTheWayIn() throws {
        let box = try Self.played()
        try SOPDatabase(path: box.db).write { tx in
            try tx.db.execute(sql: "DROP TRIGGER events_are_append_only_update")
            try tx.db.execute(sql: "UPDATE events SET actor = 'sam' WHERE seq = 3")
        }
        let server = try TestServer.database()
        let copied = try box.run(["--db", box.db, "copy", "--to", server], db: false)
        #expect(copied.code == 1, "\(copied)")
        #expect(copied.err.contains("does not match its content"), "\(copied.err)")
        #expect(try TestServer.eventCount(server) == 0, "the copy is one transaction: nothing of it stays")
    }
}
