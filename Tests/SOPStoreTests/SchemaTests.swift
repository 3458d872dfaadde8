import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The migrations, the file settings the README's "Database schema" section states (WAL, synchronous FULL), and the append-only log.
@Suite struct SchemaTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func migrationsCreateTheTablesAndTheCycleIndex() throws {
        let database = try SOPDatabase(path: folder.path("sop.db"))
        let (tables, indexes, triggers) = try database.read { tx throws in
            (
                try String.fetchSet(tx.db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                try Row.fetchAll(tx.db, sql: "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"),
                try String.fetchSet(tx.db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
            )
        }
        for table in ["meta", "workflow_versions", "participants", "events", "cycles", "artifacts"] {
            #expect(tables.contains(table), "table \(table)")
        }
        let index = try #require(indexes.first { ($0["name"] as String?) == "events_by_cycle" })
        #expect(index["tbl_name"] as String? == "events")
        #expect(triggers.count == 2, "one trigger refusing UPDATE and one refusing DELETE")
        let columns = try database.read { tx in try tx.db.columns(in: "events").map(\.name) }
        #expect(columns == ["seq", "cycle", "time", "actor", "type", "payload", "prev_hash", "hash"])
    }

    @Test func migratingAgainIsANoOp() throws {
        let path = folder.path("sop.db")
        _ = try SOPDatabase.initialized(at: path)
        let reopened = try SOPDatabase(path: path)
        let migrations = try reopened.read { tx in try String.fetchAll(tx.db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1-event-log", "v2-follow-ups", "v3-escalations", "v4-audit-chain", "v5-access-log", "v6-performance", "v7-plan-values", "v8-plans-of-record"], "each named migration once")
        #expect(try reopened.isInitialized())
    }

    @Test func aFileDatabaseIsInWALModeWithSynchronousFull() throws {
        let database = try SOPDatabase(path: folder.path("sop.db"))
        for access in ["read", "write"] {
            let (mode, synchronous, foreignKeys) = try (access == "read" ? database.read(pragmas) : database.write(pragmas))
            #expect(mode == "wal", "journal_mode on a \(access) connection")
            #expect(synchronous == 2, "synchronous = FULL (2) on a \(access) connection")
            #expect(foreignKeys == 1, "foreign_keys on a \(access) connection")
        }
        // The journal mode is a property of the file: a plain connection sees it too.
        let plain = try DatabaseQueue(path: folder.path("sop.db"))
        #expect(try plain.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    private func pragmas(_ tx: StoreTransaction) throws -> (String?, Int?, Int?) {
        (
            try String.fetchOne(tx.db, sql: "PRAGMA journal_mode"),
            try Int.fetchOne(tx.db, sql: "PRAGMA synchronous"),
            try Int.fetchOne(tx.db, sql: "PRAGMA foreign_keys")
        )
    }

    @Test func writesUseImmediateTransactionsAndABusyTimeout() throws {
        let database = try SOPDatabase(path: folder.path("sop.db"))
        let traced = StatementLog()
        // A pool has one writer connection: trace it, then write through the public API.
        try database.writer.writeWithoutTransaction { db in
            db.trace { event in
                if case .statement(let statement) = event { traced.sql.append(statement.sql) }
            }
        }
        try database.write { tx in try tx.setMeta("probe", "1") }
        try database.writer.writeWithoutTransaction { db in db.trace(options: [], nil) }
        let begins = traced.sql.filter { $0.uppercased().hasPrefix("BEGIN") }
        #expect(begins == ["BEGIN IMMEDIATE TRANSACTION"], "every write takes the write lock up front: \(traced.sql)")
        #expect(try database.writer.configuration.busyMode.waitsWithLockWait, "writes wait for the lock in LockWait's short naps")
        #expect(LockWait.seconds >= 5, "a write waits at least 5 s for another process's")
    }

    @Test(arguments: [
        "UPDATE events SET actor = 'mallory'",
        "UPDATE events SET payload = '{}' WHERE seq = 1",
        "DELETE FROM events",
        "DELETE FROM events WHERE seq = 1",
    ])
    func eventsAreAppendOnly(sql: String) throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        var cycle = try ScriptedCycle(database)
        try cycle.playSample()
        let before = try database.read { try $0.events(cycle: "2026-11") }
        let error = #expect(throws: DatabaseError.self) {
            try database.write { tx in try tx.db.execute(sql: sql) }
        }
        #expect(error?.message?.contains("append-only") == true, "the trigger names the rule: \(String(describing: error))")
        #expect(try database.read { try $0.events(cycle: "2026-11") } == before)
    }
}

/// Collects traced SQL; the trace callback runs synchronously on the writer's connection.
final class StatementLog: @unchecked Sendable {
    var sql: [String] = []
}

extension Database.BusyMode {
    var waitsWithLockWait: Bool {
        if case .callback = self { return true }
        return false
    }
}
