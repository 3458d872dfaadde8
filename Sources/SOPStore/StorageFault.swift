import GRDB

/// What went wrong underneath a command when SQLite or the file system said no, in terms the shell
/// can explain to a planner: SQLite's own error names a statement, which tells them nothing.
public enum StorageFault: Sendable, Equatable {
    /// The file, its folder or its file system may not be written (SQLITE_READONLY).
    case readOnly
    /// No room left on the disk (SQLITE_FULL).
    case diskFull
    /// Pages or records that cannot be read back (SQLITE_CORRUPT, or a stored record sop cannot decode).
    case damaged
    /// Not an SQLite file at all, or its header was overwritten (SQLITE_NOTADB).
    case notADatabase
    /// The file, or the `-wal`/`-shm` files beside it, cannot be opened (SQLITE_CANTOPEN).
    case cannotOpen
    /// Another connection held the lock past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED).
    case busy
    /// The operating system failed a read, write or sync (SQLITE_IOERR).
    case ioError

    /// The fault behind an error thrown by the store, with SQLite's own words for it; nil when the
    /// error is not about storage (a refusal, a usage error), which keeps its own message.
    public static func of(_ error: any Error) -> (fault: StorageFault, detail: String)? {
        if let error = error as? StoreError { return (.damaged, error.message) }
        guard let error = error as? DatabaseError else { return nil }
        let detail = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_READONLY: return (.readOnly, detail)
        case .SQLITE_FULL: return (.diskFull, detail)
        case .SQLITE_CORRUPT: return (.damaged, detail)
        case .SQLITE_NOTADB: return (.notADatabase, detail)
        case .SQLITE_CANTOPEN: return (.cannotOpen, detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return (.busy, detail)
        case .SQLITE_IOERR: return (.ioError, detail)
        default: return nil
        }
    }
}
