import Foundation
import GRDB

extension SOPDatabase {
    /// Opens an existing database for reading only: for a file this account may not write, or one on
    /// a read-only file system (an archive, a snapshot), so `status`, `log` and `check` still work
    /// while every write is refused by SQLite with SQLITE_READONLY. Nothing is migrated.
    ///
    /// `immutable` reads the file without the `-shm` index SQLite would otherwise have to create beside
    /// it. Only for a file system mounted read-only with no `-wal` file, where no one can change the
    /// file while it is read and no committed transaction waits outside it.
    public convenience init(readingOnly path: String, immutable: Bool) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = LockWait.mode
        let location = immutable ? Self.immutableURI(path) : path
        let queue = try DatabaseQueue(path: location, configuration: config)
        guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
            throw StoreError("it was written by an older sop and must be upgraded, which needs write access")
        }
        self.init(writer: queue, path: path)
    }

    /// An SQLite URI filename (`file:PATH?immutable=1`): `?`, `#` and `%` in the path are escaped.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
    }
}
