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

/// The S&OP database: an append-only event log plus the workflow versions, team and artifacts it refers to.
///
/// Writes go through `write`, one transaction per command that holds the record's write lock from its
/// first statement (SQLite's `BEGIN IMMEDIATE`, the server's head lock), so several processes on one
/// record serialize: each decides on the state it read inside its own transaction. The backend beneath
/// (an SQLite file here, a PostgreSQL server through SOPPostgres) runs the same domain SQL.
public final class SOPDatabase: Sendable {
    let backend: any StoreBackend
    /// The record as the user named it (a file path, `:memory:`, or a server URL without its password),
    /// for messages about it.
    public let path: String
    /// What this open database has already read and decoded (cycle states, follow-up items, workflow
    /// models), brought up to date inside each transaction that uses it.
    let cache = ReadCache()

    /// Opens (and migrates) a database file: WAL, synchronous FULL, foreign keys, waiting up to
    /// `LockWait.seconds` for another process's write.
    ///
    /// One connection (a queue): a command's reads and writes run one after another anyway, and a
    /// command that only reads opens and closes the file without writing to it. (GRDB's pool writes a
    /// transaction on open whenever the WAL file is missing, which it is after every clean exit: four
    /// fsyncs and the write lock for a `status`.) Other processes still read and write concurrently:
    /// WAL is a property of the file.
    public init(path: String) throws {
        backend = try SQLiteBackend(path: path)
        self.path = path
    }

    /// Wraps an already opened connection (the read-only opening in ReadOnlyOpening.swift).
    init(writer: any DatabaseWriter, path: String) {
        backend = SQLiteBackend(writer: writer, isFile: false)
        self.path = path
    }

    /// A private in-memory database, for tests.
    public init() throws {
        backend = try SQLiteBackend()
        path = ":memory:"
    }

    /// A record on another backend (SOPPostgres's server); `description` names it without secrets.
    public init(backend: any StoreBackend, description: String) {
        self.backend = backend
        path = description
    }

    /// Which backend holds the record.
    public var dialect: StoreDialect { backend.dialect }

    /// Runs one command's reads and writes in a single write-locked transaction. A throw rolls
    /// everything back, so a refused command leaves the database exactly as it was (and the read cache
    /// keeps nothing it read).
    @discardableResult
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        let scope = TransactionCache(cache)
        let result = try backend.write { sql in try body(StoreTransaction(sql: sql, cache: scope)) }
        scope.publish()
        return result
    }

    /// A consistent read-only view (a snapshot).
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        let scope = TransactionCache(cache)
        let result = try backend.read { sql in try body(StoreTransaction(sql: sql, cache: scope)) }
        scope.publish()
        return result
    }

    /// Closes the record: an SQLite file is checkpointed so it stands alone (used before a freshly
    /// built database is moved into place); a server connection says goodbye.
    public func close() throws { try backend.close() }

    /// The backend's own check of its storage: `["ok"]`, or the problems it found.
    public func integrityCheck() throws -> [String] { try backend.integrityCheck() }

    /// Whether the database was opened for reading only.
    public var isReadOnly: Bool { backend.isReadOnly }

    /// The database user a server record's connection logged in as; nil for a file.
    public var connectedUser: String? { backend.connectedUser }

    /// A descriptor readable when another session may have committed events; nil when the backend cannot
    /// announce commits (a file: the feed asks on an interval).
    public func commitAnnouncements() throws -> CommitSignal? {
        try (backend as? any CommitAnnouncing)?.commitAnnouncements()
    }

    /// How many times a server record's connection was made again after the server ended it.
    public var reconnections: Int { backend.reconnections }

    /// How far the record's clock is ahead of this machine's (a server's; 0 for a file).
    public var clockOffset: TimeInterval { backend.clockOffset }

    /// A consistent copy of the whole record in a new SQLite file at `path`, from one read snapshot:
    /// other processes keep writing meanwhile, and the copy holds exactly the commands committed before
    /// it started. `path` must not exist.
    public func backup(to path: String) throws {
        if let sqlite = backend as? SQLiteBackend { return try sqlite.backup(to: path) }
        // A server's record is copied table by table into a new file, from one snapshot.
        let copy = try SOPDatabase(path: path)
        _ = try RecordCopy.copy(from: self, to: copy)
        try copy.close()
    }

    /// Whether `initialize` has run (a database file can exist yet be empty if creation failed midway).
    public func isInitialized() throws -> Bool {
        try read { try $0.meta("default_workflow") != nil }
    }

    /// Sets up a new database: the default workflow and the team, in one transaction.
    /// `zone` is the record's calendar zone (the creating machine's unless said), which a workflow
    /// without `calendar: { zone: ... }` reads its days in; it is sealed into the genesis with the rest.
    public func initialize(workflow: WorkflowVersion, team: Team, at time: Date, zone: String = TimeZone.current.identifier) throws {
        try write { tx in
            if try tx.meta("default_workflow") != nil { throw StoreError("the database is already initialised") }
            try tx.storeWorkflow(workflow, at: time)
            try tx.setMeta("default_workflow", workflow.hash)
            try tx.setMeta("created_at", Timestamps.format(time))
            try tx.setMeta("calendar_zone", zone)
            try tx.replaceTeam(team)
            try tx.sql.sealGenesis()
        }
    }
}
