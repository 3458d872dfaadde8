import Foundation
import SOPCore
import SOPStore

/// A record on a PostgreSQL server: SOPStore's transactions on one connection. A write's first statement
/// takes the event chain's head lock (`sop_lock_events()`), so writers serialize as SQLite's
/// `BEGIN IMMEDIATE` makes them, under READ COMMITTED with no serialization failures to retry; a read is
/// one REPEATABLE READ snapshot.
public final class PostgresBackend: StoreBackend, OwnEventReporting, @unchecked Sendable {
    // @unchecked: the session is used only inside `lock`, one transaction at a time, whichever thread
    // (the REPL's, the notify hook's queue) runs it.
    private var session: PostgresSession
    let environment: [String: String]
    /// The LISTEN connections of live REPLs, kept open as long as the backend.
    private var listeners: [PostgresSession] = []
    private let lock = NSRecursiveLock()
    private var open = false

    public let clockOffset: TimeInterval

    /// Wraps a connected session and reads the server's clock once: the offset, taken at the middle of
    /// the round trip, is what every event time of this process is corrected by.
    public init(session: PostgresSession, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresFault) {
        self.session = session
        self.environment = environment
        let sent = Date()
        let answer = try session.storeRows("SELECT extract(epoch FROM clock_timestamp())::float8", [])
        let received = Date()
        guard case .real(let server)? = answer.first?.values.first else {
            throw PostgresFault("the server did not say what time it is", fix: "check that --db names a PostgreSQL server")
        }
        clockOffset = server - (sent.timeIntervalSince1970 + received.timeIntervalSince1970) / 2
    }

    public var dialect: StoreDialect { .postgres }

    public func write<T>(_ body: (any StoreExecutor) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { sql in
            _ = try sql.rows("SELECT next_key FROM sop_lock_events()", [])
            return try body(sql)
        }
    }

    public func read<T>(_ body: (any StoreExecutor) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T>(begin: String, _ body: (PostgresExecutor) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        // A transaction begun inside another on the same thread would wait for itself forever.
        guard !open else { throw StoreError("a transaction was begun inside another one (a bug in sop: please report it)") }
        open = true
        defer { open = false }
        // A connection the server ended since the last command (a restart, an administrator) is made
        // again before anything is sent: nothing of this command has run yet, so nothing runs twice.
        if session.isClosed { try reconnect() }
        if !(try begins(begin)) {
            // Ended just now, before the loop noticed: still nothing of this command has run.
            try reconnect()
            try session.query(begin)
        }
        let result: T
        let executor = PostgresExecutor(session)
        do {
            result = try body(executor)
        } catch {
            // A lost connection cannot roll back, and need not: the server drops its open transaction.
            _ = try? session.query("ROLLBACK")
            throw error
        }
        do {
            try session.query("COMMIT")
        } catch {
            // The answer to COMMIT was lost: the record itself says whether it was kept.
            guard try committedAfterAll(executor.appendedEvents, lost: error) else { throw error }
        }
        own?.committed(executor.appendedEvents.map(\.seq))
        return result
    }

    public private(set) var reconnections = 0

    /// The server the record is on, for a second connection (the live REPL's LISTEN).
    var address: PostgresAddress { session.address }

    func keepListening(_ listener: PostgresSession) {
        lock.lock()
        defer { lock.unlock() }
        listeners.append(listener)
    }

    /// Starts the transaction; false when the connection turns out to have ended (nothing was sent).
    private func begins(_ begin: String) throws(PostgresFault) -> Bool {
        do {
            try session.query(begin)
            return true
        } catch {
            if session.isClosed { return false }
            throw error
        }
    }

    private func reconnect() throws(PostgresFault) {
        session = try PostgresSession.connect(session.address, environment: environment)
        reconnections += 1
    }

    /// Settles a commit in doubt by reading the record on a new connection: the command's last event,
    /// seq and hash, is there if and only if the transaction committed (the chain admits one event per
    /// seq). A command that appended no event cannot be settled this way, and its fault stands.
    private func committedAfterAll(_ appended: [(seq: Int64, hash: String)], lost: PostgresFault) throws -> Bool {
        guard let last = appended.last else {
            throw PostgresFault(
                lost.problem + " while the change was being committed; it may or may not have been kept",
                fix: "run the command again once the server is back: `log` and `inbox` show what is recorded", sqlState: lost.sqlState)
        }
        try reconnect()
        let found = try session.storeRows("SELECT count(*) FROM events WHERE seq = $1 AND hash = $2", [.integer(last.seq), .text(last.hash)])
        if case .integer(1)? = found.first?.values.first { return true }
        throw PostgresFault(
            lost.problem + " before the command was committed; nothing of it was kept", fix: "run the command again", sqlState: lost.sqlState)
    }

    /// Where this session's committed events are told, once a live feed asks (`watchOwnEvents`).
    private var own: OwnEvents?

    public func reportOwnEvents(to own: OwnEvents) {
        lock.lock()
        defer { lock.unlock() }
        self.own = own
    }

    public var isReadOnly: Bool { false }

    public var connectedUser: String? { session.user }

    public func close() throws { session.close() }

    /// The server checks its own pages; what sop can check is the audit's work.
    public func integrityCheck() throws -> [String] { ["ok"] }
}
