import Foundation

/// Where a record lives and how a command's transaction runs there. The store's domain SQL runs on
/// any backend through the `StoreExecutor` each transaction gets.
public protocol StoreBackend: AnyObject, Sendable {
    var dialect: StoreDialect { get }
    /// One transaction that holds the record's write lock from its first statement; committed when
    /// `body` returns, rolled back when it throws.
    func write<T>(_ body: (any StoreExecutor) throws -> T) throws -> T
    /// One read-only transaction over a consistent snapshot.
    func read<T>(_ body: (any StoreExecutor) throws -> T) throws -> T
    var isReadOnly: Bool { get }
    /// The user the backend authenticated (a server's `session_user`), which `identity: database`
    /// trusts; nil for a file, which has no users of its own.
    var connectedUser: String? { get }
    /// How far the record's clock is ahead of this machine's (a server's clock, measured when connecting;
    /// 0 for a file): every participant's events are stamped on one clock, so a laptop whose clock is
    /// behind is neither refused by the clock rule nor out of order.
    var clockOffset: TimeInterval { get }
    /// How many times the backend connected again after the server ended its connection (0 for a file).
    var reconnections: Int { get }
    func close() throws
    /// The backend's own check of its storage (SQLite's page and foreign-key checks): `["ok"]` or problems.
    func integrityCheck() throws -> [String]
}

extension StoreBackend {
    public var reconnections: Int { 0 }
}

/// A failure a backend words itself: one sentence of what is wrong and one of how to fix it (the
/// server's faults, from SOPPostgres), shown as `error: PROBLEM (FIX)` like every sop error.
public protocol StoreFailure: Error {
    var problem: String { get }
    var fix: String { get }
    /// The record itself refused the change (a trigger of the server): nothing was written.
    var isRefusal: Bool { get }
}

/// A backend that announces commits (the server's LISTEN/NOTIFY): a descriptor that becomes readable
/// when another session may have committed events. The live feed waits on it instead of polling.
public protocol CommitAnnouncing: StoreBackend {
    func commitAnnouncements() throws -> CommitSignal
}

/// A descriptor that becomes readable on news, and how to empty it once the news is read.
public struct CommitSignal: Sendable {
    public let descriptor: Int32
    public let drain: @Sendable () -> Void

    public init(descriptor: Int32, drain: @escaping @Sendable () -> Void) {
        self.descriptor = descriptor
        self.drain = drain
    }
}
