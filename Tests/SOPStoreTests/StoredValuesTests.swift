import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The record types write every value in the form it always had: the audit chain hashes stored text,
/// and `sqlite3` users read these columns, so a time must stay ISO text, a flag an integer, bytes a blob.
@Suite struct StoredValuesTests {
    /// `typeof()` and the value of each column of the first row of `table`, as SQLite holds them.
    static func stored(_ database: SOPDatabase, _ table: String, _ columns: [String], where filter: String = "1") throws -> [String] {
        try database.read { tx in
            let select = columns.map { "typeof(\($0)) || ':' || quote(\($0))" }.joined(separator: ", ")
            let row = try #require(try Row.fetchOne(tx.db, sql: "SELECT \(select) FROM \(table) WHERE \(filter) LIMIT 1"))
            return row.databaseValues.map { String.fromDatabaseValue($0) ?? "?" }
        }
    }

    @Test func everyTableKeepsItsColumnsStoredTypesAndText() throws {
        let folder = try TemporaryFolder()
        let (database, _) = try FollowUpStoreTests.november(folder)
        var cycle = try ScriptedCycle(database, month: "2026-12")
        try cycle.run(.submit(stage: "gather", input: "history", content: .file(name: "h.csv", bytes: StoreFixture.history, sha256: ContentHash.sha256(StoreFixture.history))), as: "dan")
        try database.recordRefusedAttempts([
            RefusedAttempt(time: StoreFixture.start, account: "dan", actor: nil, command: "sop waive gather", rule: "permission", message: "no"),
        ])

        #expect(try Self.stored(database, "events", ["seq", "time", "actor", "type"], where: "seq = 1") == [
            "integer:1", "text:'2026-11-02T09:00:00.000Z'", "text:'maria'", "text:'cycle-opened'",
        ])
        #expect(try Self.stored(database, "events", ["payload", "hash"], where: "seq = 1").allSatisfy { $0.hasPrefix("text:'") })
        #expect(try Self.stored(database, "cycles", ["id", "opened_seq"], where: "id = '2026-11'") == ["text:'2026-11'", "integer:1"])
        #expect(try Self.stored(database, "participants", ["position", "roles", "login", "email"], where: "id = 'sam'") == [
            "integer:1", "text:'[\"sponsor\"]'", "null:NULL", "null:NULL",
        ])
        #expect(try Self.stored(database, "artifacts", ["size", "content", "stored_at"]) == [
            "integer:\(StoreFixture.history.count)", "blob:X'\(StoreFixture.history.map { String(format: "%02X", $0) }.joined())'",
            "text:'2026-11-02T09:00:00.250Z'",
        ])
        #expect(try Self.stored(database, "follow_ups", ["kind", "number", "live", "closed_in"], where: "label = 'P-1'") == [
            "text:'proposal'", "integer:1", "integer:0", "text:'2026-11'",
        ])
        #expect(try Self.stored(database, "follow_ups", ["live", "closed_in"], where: "label = 'P-2'") == ["integer:1", "null:NULL"])
        #expect(try Self.stored(database, "access_log", ["number", "time", "actor"]) == [
            "integer:1", "text:'2026-11-02T09:00:00.000Z'", "null:NULL",
        ])
        #expect(try Self.stored(database, "workflow_versions", ["source_name", "stored_at"]) == [
            "text:'store-test.yaml'", "text:'2026-11-02T09:00:00.000Z'",
        ])
        #expect(try Self.stored(database, "meta", ["value"], where: "key = 'created_at'") == ["text:'2026-11-02T09:00:00.000Z'"])
        #expect(try database.read { try $0.audit { _, _ in StoreFixture.workflow }.findings }.isEmpty, "and the chain over them holds")
    }
}
