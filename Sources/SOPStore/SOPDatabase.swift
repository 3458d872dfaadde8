import Foundation
import GRDB
import SOPCore

/// A workflow exactly as a cycle pins it: the file's text, its hash, and the parsed model.
public struct WorkflowVersion: Sendable, Equatable {
    public var hash: String
    public var sourceName: String
    public var source: String
    public var workflow: Workflow

    /// Hashes the source text; the same text always gives the same version.
    public init(source: String, sourceName: String, workflow: Workflow) {
        self.hash = ContentHash.sha256(source)
        self.sourceName = sourceName
        self.source = source
        self.workflow = workflow
    }
}

/// One row of `cycle list`.
public struct CycleRow: Sendable, Equatable {
    public var id: String
    public var workflowHash: String
    public var openedSeq: Int64
    public var closed: Bool
    /// The leader cancelled it (`cycle cancel`): it counts in no figure and is never the default.
    public var cancelled: Bool = false
}

/// A row of `PRAGMA foreign_key_check`, by SQLite's own column names.
private struct ForeignKeyViolation: Decodable, FetchableRecord {
    var table: String?
    var rowid: Int64?
    var parent: String?
}

/// The S&OP database: an append-only event log plus the workflow versions, team and artifacts it refers to.
///
/// Writes go through `write`, one `BEGIN IMMEDIATE` transaction per command, so several processes on
/// one file serialize: each decides on the state it read inside its own transaction.
public final class SOPDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The file as the user named it (`:memory:` for a test database), for messages about it.
    public let path: String
    /// What this open database has already read and decoded (cycle states, follow-up items, workflow
    /// models), brought up to date inside each transaction that uses it.
    let cache = ReadCache()
    /// Whether `close` checkpoints the WAL into the file (not in memory, not for a read-only opening).
    private let isFile: Bool

    /// Opens (and migrates) a database file: WAL, synchronous FULL, foreign keys, waiting up to
    /// `LockWait.seconds` for another process's write.
    ///
    /// One connection (a queue): a command's reads and writes run one after another anyway, and a
    /// command that only reads opens and closes the file without writing to it. (GRDB's pool writes a
    /// transaction on open whenever the WAL file is missing, which it is after every clean exit: four
    /// fsyncs and the write lock for a `status`.) Other processes still read and write concurrently:
    /// WAL is a property of the file.
    public init(path: String) throws {
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
        self.path = path
    }

    /// Wraps an already opened connection (the read-only opening in ReadOnlyOpening.swift).
    init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
        isFile = false
    }

    /// A private in-memory database, for tests.
    public init() throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        let queue = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(queue)
        writer = queue
        path = ":memory:"
        isFile = false
    }

    /// Runs one command's reads and writes in a single `BEGIN IMMEDIATE` transaction. A throw rolls
    /// everything back, so a refused command leaves the database exactly as it was (and the read cache
    /// keeps nothing it read).
    @discardableResult
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        let scope = TransactionCache(cache)
        let result = try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(StoreTransaction(db: db, cache: scope))
                return .commit
            }
            guard let result else { throw StoreError("transaction ended without a result") }
            return result
        }
        scope.publish()
        return result
    }

    /// A consistent read-only view (a snapshot in WAL mode).
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        let scope = TransactionCache(cache)
        let result = try writer.read { db in try body(StoreTransaction(db: db, cache: scope)) }
        scope.publish()
        return result
    }

    /// Closes the file: checkpoints the WAL into it so the file stands alone (used before a freshly
    /// built database is moved into place).
    public func close() throws {
        guard isFile, let queue = writer as? DatabaseQueue else { return }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// SQLite's own check of every page, index and constraint: `["ok"]`, or the problems it found.
    public func integrityCheck() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") + ForeignKeyViolation.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "foreign key: a row of \(row.table ?? "?") (rowid \(row.rowid ?? 0)) points at a missing \(row.parent ?? "?") row"
            }
        }
    }

    /// A consistent copy of the whole database at `path`, taken with SQLite's online backup API from
    /// one read snapshot: other processes keep writing meanwhile, and the copy holds exactly the
    /// commands committed before it started. `path` must not exist.
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        do {
            try writer.backup(to: copy)
            try copy.close()
        } catch {
            try? copy.close()
            throw error
        }
    }

    /// Whether `initialize` has run (a database file can exist yet be empty if creation failed midway).
    public func isInitialized() throws -> Bool {
        try read { try $0.meta("default_workflow") != nil }
    }

    /// Sets up a new database: the default workflow and the team, in one transaction.
    public func initialize(workflow: WorkflowVersion, team: Team, at time: Date) throws {
        try write { tx in
            if try tx.meta("default_workflow") != nil { throw StoreError("the database is already initialised") }
            try tx.storeWorkflow(workflow, at: time)
            try tx.setMeta("default_workflow", workflow.hash)
            try tx.setMeta("created_at", Timestamps.format(time))
            try tx.replaceTeam(team)
            try AuditChain.sealGenesis(tx.db)
        }
    }
}
