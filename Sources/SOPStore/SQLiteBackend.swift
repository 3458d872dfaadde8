import Foundation
import GRDB

/// A row of `PRAGMA foreign_key_check`, by SQLite's own column names.
private struct ForeignKeyViolation: Decodable, FetchableRecord {
    var table: String?
    var rowid: Int64?
    var parent: String?
}

/// The embedded record: one SQLite file (or a private in-memory database for tests) through GRDB.
final class SQLiteBackend: StoreBackend {
    let writer: any DatabaseWriter
    /// Whether `close` checkpoints the WAL into the file (not in memory, not for a read-only opening).
    private let isFile: Bool

    var dialect: StoreDialect { .sqlite }

    /// Opens (and migrates) a database file: WAL, synchronous FULL, foreign keys, waiting up to
    /// `LockWait.seconds` for another process's write (see `SOPDatabase.init(path:)`).
    init(path: String) throws {
        var config = Configuration()
        config.busyMode = LockWait.mode
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            // SQLite keeps WAL mode in the file: this switches a new file once, and reads it after that.
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" else {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw StoreError("cannot switch \(path) to WAL mode")
                }
                return
            }
        }
        try Schema.migrator.migrate(queue)
        writer = queue
        isFile = true
    }

    init(writer: any DatabaseWriter, isFile: Bool) {
        self.writer = writer
        self.isFile = isFile
    }

    /// A private in-memory database, for tests.
    convenience init() throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        let queue = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(queue)
        self.init(writer: queue, isFile: false)
    }

    /// `BEGIN IMMEDIATE`: the write lock from the first statement, so no other writer commits between
    /// this command's reads and its writes.
    func write<T>(_ body: (any StoreExecutor) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(SQLiteExecutor(db))
                return .commit
            }
            guard let result else { throw StoreError("transaction ended without a result") }
            return result
        }
    }

    /// A snapshot in WAL mode.
    func read<T>(_ body: (any StoreExecutor) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteExecutor(db)) }
    }

    var isReadOnly: Bool { writer.configuration.readonly }

    var connectedUser: String? { nil }

    var clockOffset: TimeInterval { 0 }

    func close() throws {
        guard isFile, let queue = writer as? DatabaseQueue else { return }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// SQLite's own check of every page, index and constraint.
    func integrityCheck() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") + ForeignKeyViolation.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "foreign key: a row of \(row.table ?? "?") (rowid \(row.rowid ?? 0)) points at a missing \(row.parent ?? "?") row"
            }
        }
    }

    /// SQLite's online backup API from one read snapshot.
    func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        do {
            try writer.backup(to: copy)
            try copy.close()
        } catch {
            try? copy.close()
            throw error
        }
    }
}
