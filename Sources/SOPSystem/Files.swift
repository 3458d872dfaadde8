import Foundation

/// The file-system calls the use cases need, behind names that say what they are for: whether a
/// path exists, putting a finished file into place without ever overwriting one, cleaning up.
public enum Files {
    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// This account may read it (the real uid's permission, as the kernel decides).
    public static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// Size in bytes, nil when it cannot be read.
    public static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }

    /// `~/x` as the home folder's `x`.
    public static func expandingTilde(_ path: String) -> String { (path as NSString).expandingTildeInPath }

    /// The last component of a path (`plans/forecast.csv` -> `forecast.csv`).
    public static func name(of path: String) -> String { (path as NSString).lastPathComponent }

    /// A name beside `path` that no other process will choose: `PATH.PURPOSE-PID-TAG`.
    public static func temporaryName(beside path: String, purpose: String) -> String {
        "\(path).\(purpose)-\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Removes a SQLite file and the journal files SQLite may have left beside it.
    public static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// What linking a finished file into place did.
    public enum Placement: Equatable, Sendable {
        case placed
        /// Something is already at the target (another process was first): it was left alone.
        case targetExists
        /// The system's reason, e.g. "Permission denied".
        case failed(String)
    }

    /// Links `temporary` to `target`. A hard link never replaces an existing file, which `rename` would:
    /// a backup or a database created at the same moment by another process is never overwritten.
    public static func place(_ temporary: String, at target: String) -> Placement {
        if link(temporary, target) == 0 { return .placed }
        let code = errno
        return code == EEXIST ? .targetExists : .failed(String(cString: strerror(code)))
    }

    /// Removes what a creation killed midway (kill -9, power loss) left in `folder`: files named
    /// `PREFIX-PID-TAG` (and their -wal/-shm) of a process that no longer runs. Only files older than
    /// a minute, so a creation running in another PID namespace is never touched.
    public static func removeAbandoned(prefix: String, in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let file = (folder as NSString).appendingPathComponent(entry)
            guard let pid = entry.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0,
                  kill(pid, 0) != 0, errno == ESRCH,
                  let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > 60
            else { continue }
            try? FileManager.default.removeItem(atPath: file)
        }
    }
}
