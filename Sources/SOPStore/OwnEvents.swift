import Foundation
import GRDB
import Synchronization

/// The events this open database committed itself, so a live feed can leave out what its own session
/// wrote. On SQLite, learned from the connection's own inserts into `events` (GRDB's transaction
/// observer): exact whoever acts, and a rolled-back transaction's rows (whose numbers another process
/// may take next) never count.
public final class OwnEvents: Sendable {
    fileprivate let state = Mutex(State())

    fileprivate struct State {
        var pending: [Int64] = []
        var committed: Set<Int64> = []
    }

    /// Whether this database committed event `seq`.
    public func wrote(_ seq: Int64) -> Bool { state.withLock { $0.committed.contains(seq) } }

    /// Forgets the events up to `seq`: the feed has read past them.
    public func forget(through seq: Int64) {
        state.withLock { s in s.committed = s.committed.filter { $0 > seq } }
    }
}

/// The observer GRDB calls on this connection's commits and rollbacks.
private final class OwnEventObserver: TransactionObserver, Sendable {
    let own: OwnEvents
    init(_ own: OwnEvents) { self.own = own }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .insert(let table) = eventKind { return table == "events" }
        return false
    }

    func databaseDidChange(with event: DatabaseEvent) {
        let seq = event.rowID
        own.state.withLock { $0.pending.append(seq) }
    }

    func databaseDidCommit(_ db: Database) {
        own.state.withLock { s in
            s.committed.formUnion(s.pending)
            s.pending = []
        }
    }

    func databaseDidRollback(_ db: Database) { own.state.withLock { $0.pending = [] } }
}

extension SOPDatabase {
    /// Starts recording the events this database commits from now on. The observer lives as long as
    /// the database; call once per session. Nil on a backend that cannot tell its own commits yet (the
    /// PostgreSQL server's feed will learn them its own way).
    public func watchOwnEvents() -> OwnEvents? {
        guard let sqlite = backend as? SQLiteBackend else { return nil }
        let own = OwnEvents()
        sqlite.writer.add(transactionObserver: OwnEventObserver(own), extent: .databaseLifetime)
        return own
    }
}
