import Foundation
import SOPCore
import SOPStore
import SOPSystem

/// Opening a database file that exists, with a clear error for every way it can be unusable.
public enum DatabaseOpening {
    /// Opens `path`, or creates it from the bundled workflow and team on first use; a database created
    /// here opens the clock's month's cycle when `openingCycle` (not for `play`, whose playbook opens
    /// its own).
    public static func openOrCreate(_ path: String, now: Date, openingCycle: Bool) throws(ShellError) -> SOPDatabase {
        let database: SOPDatabase
        if PostgresAddress.isURL(path) {
            database = try ServerRecord.open(path)
        } else if Files.exists(path) {
            database = try existing(path)
        } else {
            // The first cycle is this machine's month: the record is being created here, in its zone.
            let month = openingCycle ? CycleMonth(Day(containing: now, in: .current)) : nil
            database = try DatabaseSetup.create(at: path, starter: DatabaseSetup.bundledStarter(), now: now, openCycle: month).0
        }
        do {
            guard try database.isInitialized() else {
                throw ShellError.failed("\(path) is not an initialised sop database", fix: "remove it and run `sop init`, or choose another --db")
            }
        } catch let error as ShellError { throw error } catch {
            throw StorageTrouble.error(error, path: path, moment: .opening)
                ?? .failed("cannot read database \(path): \(error)", fix: "check that it is an sop database")
        }
        return database
    }

    /// Opens (and migrates) `path`. A file this account cannot write (read-only file system or file,
    /// a read-only folder, a full disk) is opened for reading only, so reports still work and every
    /// write is refused with the reason.
    public static func existing(_ path: String) throws(ShellError) -> SOPDatabase {
        try preflight(path)
        let failure: any Error
        do { return try SOPDatabase(path: path) } catch { failure = error }
        guard let (fault, detail) = StorageFault.of(failure) else {
            throw ShellError.failed("cannot open database \(path): \(failure)", fix: "check that it is an sop database and readable")
        }
        let blocker = [.readOnly, .cannotOpen, .diskFull, .ioError].contains(fault) ? WriteBlocker.of(path) : nil
        if let blocker, fault != .ioError || blocker == .diskFull {
            // Read-only media have no -shm and cannot get one: read the file as it stands, unless a
            // -wal beside it holds commits that are not in the file yet.
            let immutable = blocker == .readOnlyFileSystem && !Files.exists(path + "-wal")
            do { return try SOPDatabase(readingOnly: path, immutable: immutable) } catch {
                let cannotRead = StorageFault.of(error).map { $0.fault == .readOnly || $0.fault == .cannotOpen } ?? true
                guard cannotRead else {
                    throw StorageTrouble.error(error, path: path, moment: .opening) ?? .failed("\(error)", fix: "check the file")
                }
                throw unreadable(path, blocker: blocker, detail: StorageFault.of(error)?.detail ?? "\(error)")
            }
        }
        let (what, fix) = StorageTrouble.describe(fault, detail: detail, path: path, moment: .opening, blocker: blocker)
        throw ShellError.failed(what, fix: fix)
    }

    /// Neither writable nor readable: SQLite needs a `-shm` file beside a WAL database even to read it.
    static func unreadable(_ path: String, blocker: WriteBlocker, detail: String) -> ShellError {
        let name = (path as NSString).lastPathComponent
        let copy = "or copy the file to a writable folder and point --db at the copy"
        switch blocker {
        case .folderNotWritable(let folder):
            return .failed("cannot open database \(path): its folder \(folder) is read-only for this account, and SQLite must create \(name)-wal and \(name)-shm there even to read it",
                           fix: "give this account write access to \(folder), \(copy)")
        case .diskFull:
            let (what, fix) = StorageTrouble.diskFull(path, moment: .opening)
            return .failed(what, fix: fix)
        case .readOnlyFileSystem, .fileNotWritable, .fileImmutable:
            return .failed("cannot open database \(path): \(StorageTrouble.reason(blocker, path: path, detail: detail)), and SQLite cannot read it that way: \(detail)",
                           fix: "\(StorageTrouble.remedy(blocker, path: path)), \(copy)")
        }
    }

    /// What SQLite would get wrong or change: a folder, an empty file (SQLite would take it for a new
    /// database and write a schema into it), a file this account may not read.
    static func preflight(_ path: String) throws(ShellError) {
        if Files.isFolder(path) {
            throw ShellError.failed("\(path) is a folder, not a database file", fix: "name a file, e.g. --db \((path as NSString).appendingPathComponent("sop.db"))")
        }
        if !Files.isReadable(path) {
            throw ShellError.failed("cannot read database \(path): this account may not read it",
                                    fix: "give this account read access (and write access to record changes), or run sop as the file's owner")
        }
        if Files.size(path) == 0 {
            throw ShellError.failed("database \(path) is empty (0 bytes): it holds no S&OP record",
                                    fix: "if it held one, restore the newest backup that passes `sop check`; otherwise remove the empty file, and sop creates a new database on first use")
        }
    }
}
