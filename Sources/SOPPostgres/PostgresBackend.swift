import Foundation
import SOPCore
import SOPStore

/// A record on a PostgreSQL server: SOPStore's transactions on one connection. A write's first statement
/// takes the event chain's head lock (`sop_lock_events()`), so writers serialize as SQLite's
/// `BEGIN IMMEDIATE` makes them, under READ COMMITTED with no serialization failures to retry; a read is
/// one REPEATABLE READ snapshot.
public final class PostgresBackend: StoreBackend, @unchecked Sendable {
    // @unchecked: the session is used only inside `lock`, one transaction at a time, whichever thread
    // (the REPL's, the notify hook's queue) runs it.
    private let session: PostgresSession
    private let lock = NSRecursiveLock()
    private var open = false

    public let clockOffset: TimeInterval

    /// Wraps a connected session and reads the server's clock once: the offset, taken at the middle of
    /// the round trip, is what every event time of this process is corrected by.
    public init(session: PostgresSession) throws(PostgresFault) {
        self.session = session
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
        try session.query(begin)
        let result: T
        do {
            result = try body(PostgresExecutor(session))
        } catch {
            // A lost connection cannot roll back, and need not: the server drops its open transaction.
            _ = try? session.query("ROLLBACK")
            throw error
        }
        try session.query("COMMIT")
        return result
    }

    public var isReadOnly: Bool { false }

    public var connectedUser: String? { session.user }

    public func close() throws { session.close() }

    /// The server checks its own pages; what sop can check is the audit's work.
    public func integrityCheck() throws -> [String] { ["ok"] }
}
