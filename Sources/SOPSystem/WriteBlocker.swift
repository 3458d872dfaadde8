import Foundation

/// What stops this account writing a database file, as far as the file system says.
public enum WriteBlocker: Equatable, Sendable {
    case readOnlyFileSystem
    /// Less than `WriteBlocker.roomNeeded` left on the disk.
    case diskFull
    case fileNotWritable
    /// Marked immutable (`chattr +i`): not even root may write it.
    case fileImmutable
    /// The folder, where SQLite must create the `-wal` and `-shm` files beside the database.
    case folderNotWritable(String)

    /// Below this much free space a write that SQLite refused is put down to a full disk: a command
    /// needs a few pages for the log, and SQLite reports a full disk as a read-only file on opening.
    public static let roomNeeded: UInt64 = 256 * 1024

    /// Looks at the file system, the file and its folder; nil when nothing visible forbids writing.
    public static func of(_ path: String) -> WriteBlocker? {
        let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
        var fs = statvfs()
        if statvfs(folder, &fs) == 0 {
            if fs.f_flag & UInt(ST_RDONLY) != 0 { return .readOnlyFileSystem }
            if UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < roomNeeded { return .diskFull }
        }
        // access() also answers for root: EROFS, and EPERM for a file marked immutable (chattr +i).
        if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
            return errno == EPERM ? .fileImmutable : .fileNotWritable
        }
        if access(folder, W_OK) != 0 { return .folderNotWritable(folder) }
        return nil
    }
}

