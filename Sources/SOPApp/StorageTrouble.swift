import Foundation
import SOPStore
import SOPSystem

/// Storage failures as `error: <what is wrong> (<how to fix it>)`: one sentence a planner can act on,
/// instead of SQLite's error with the statement it was running.
public enum StorageTrouble {
    /// When the failure happened: it decides what "nothing was changed" can promise.
    public enum Moment: Sendable { case opening, creating, command }

    /// The message for an error thrown by the store, or nil when it is not a storage problem.
    public static func error(_ error: any Error, path: String, moment: Moment, openedReadOnly: Bool = false) -> ShellError? {
        if let failure = error as? any StoreFailure {
            // A server's failure already says what is wrong and how to fix it.
            return .failed(failure.problem, fix: failure.fix)
        }
        guard let (fault, detail) = StorageFault.of(error) else { return nil }
        let blocker = [.readOnly, .cannotOpen, .diskFull, .ioError].contains(fault) ? WriteBlocker.of(path) : nil
        let (what, fix) = describe(fault, detail: detail, path: path, moment: moment, blocker: blocker, openedReadOnly: openedReadOnly)
        return .failed(what, fix: fix)
    }

    /// The folder holding `path` (`.` for a bare file name).
    static func folder(of path: String) -> String {
        let folder = PathText.folder(of: path)
        return folder.isEmpty ? "." : folder
    }

    /// What is wrong and how to fix it, for a fault and what the file system says about the file.
    static func describe(
        _ fault: StorageFault, detail: String, path: String, moment: Moment, blocker: WriteBlocker?, openedReadOnly: Bool = false
    ) -> (what: String, fix: String) {
        let unchanged = moment == .command ? "; nothing was changed" : ""
        let restore = "restore the newest backup that passes `sop check`"
        switch fault {
        case .readOnly, .diskFull, .cannotOpen:
            if fault == .diskFull || blocker == .diskFull { return diskFull(path, moment: moment) }
            if fault == .cannotOpen && blocker == nil {
                return ("cannot \(moment == .creating ? "create" : "open") database \(path): \(detail)",
                        "check that the file and its folder exist and that this account may read and write both")
            }
            let why = reason(blocker, path: path, detail: detail)
            if moment == .creating {
                return ("cannot create database \(path): \(why); nothing was created",
                        "\(remedy(blocker, path: path)), or choose a writable folder with --db")
            }
            if blocker == nil && openedReadOnly {
                return ("database \(path) was opened read-only, because it could not be written when sop started\(unchanged)",
                        "start sop again to record changes")
            }
            return ("database \(path) is read-only: \(why)\(unchanged)",
                    "\(remedy(blocker, path: path)), or copy the file to a writable folder and point --db at the copy")
        case .damaged:
            return ("database \(path) is damaged: \(detail)",
                    moment == .command ? "\(restore); `sop --db \(path) check` lists the damage" : restore)
        case .notADatabase:
            return ("\(path) is not an sop database: it is not an SQLite file, or its first page was overwritten",
                    "check the --db path; if the file held your S&OP record, \(restore)")
        case .busy:
            return ("database \(path) stayed locked by another process for more than \(LockWait.seconds) seconds\(unchanged)",
                    "run the command again; if it keeps happening, `fuser \(path)` shows which process holds the file")
        case .ioError:
            // A full disk surfaces as an I/O error when SQLite cannot grow its -shm index.
            if blocker == .diskFull { return diskFull(path, moment: moment) }
            return ("the system failed to read or write \(path): \(detail)",
                    "check the disk, then run `sop --db \(path) check`; `dmesg` shows device errors")
        }
    }

    static func diskFull(_ path: String, moment: Moment) -> (what: String, fix: String) {
        let df = "`df -h \(folder(of: path))` shows what is left"
        switch moment {
        case .creating:
            return ("cannot create database \(path): the disk is full; nothing was created",
                    "free some space, or choose another --db on a disk with room; \(df)")
        case .opening:
            return ("cannot open database \(path): the disk holding it is full, and SQLite needs room beside it to open it",
                    "free some space on that disk, then run the command again; \(df)")
        case .command:
            return ("the disk holding database \(path) is full: the command was not saved, nothing was changed",
                    "free some space on that disk, then run the command again; \(df)")
        }
    }

    static func reason(_ blocker: WriteBlocker?, path: String, detail: String) -> String {
        let name = (path as NSString).lastPathComponent
        switch blocker {
        case .readOnlyFileSystem: return "its file system is mounted read-only"
        case .diskFull: return "the disk is full"
        case .fileNotWritable: return "the file is read-only for this account"
        case .fileImmutable: return "the file is marked immutable"
        case .folderNotWritable(let folder):
            return "its folder \(folder) is read-only for this account, and SQLite keeps \(name)-wal and \(name)-shm there"
        case nil: return "SQLite may not write it (\(detail))"
        }
    }

    static func remedy(_ blocker: WriteBlocker?, path: String) -> String {
        switch blocker {
        case .readOnlyFileSystem: "remount that file system read-write"
        case .diskFull: "free some space on the disk"
        case .fileNotWritable: "give this account write access to \(path)"
        case .fileImmutable: "clear the flag with `chattr -i \(path)`"
        case .folderNotWritable(let folder): "give this account write access to \(folder)"
        case nil: "check the permissions of the file and its folder"
        }
    }
}
