import Foundation

/// Writing what `show --output FILE` exports and `agenda --output FILE` renders: all or nothing, and
/// never over an existing file unless the caller replaces on purpose (`show --force`, because FILE is
/// often a planner's working copy of the same plan; `agenda`, whose file is its own earlier output),
/// and then only over a regular file.
public enum OutputFile {
    /// Writes `bytes` under a temporary name in FILE's folder, syncs it, then links it into place (which
    /// fails if FILE exists, even if it appeared a moment ago) or, when `replacing`, renames it over FILE.
    /// A crash or a full disk leaves FILE as it was.
    /// `example` is the file name a refusal of a folder suggests.
    public static func write(_ bytes: Data, to path: String, replacing: Bool, example: String = "export.csv") throws(SystemError) {
        let target = (path as NSString).expandingTildeInPath
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) {
            if isFolder.boolValue { throw SystemError("\(path) is a folder", fix: "name a file, e.g. \(path)/\(example)") }
            if !replacing { throw SystemError("\(path) already exists", fix: "name a new file, or add --force to replace it") }
        }
        // Replacing renames a new file over FILE: over a device, a pipe or a link (even a dangling one)
        // that would put a plain file in its place (run as root, `--output /dev/null` would replace
        // /dev/null).
        var info = stat()
        if replacing && lstat(target, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            throw SystemError("\(path) is not a regular file (a device, pipe or link)", fix: "name a new file, or a regular file to replace")
        }
        let folder = PathText.folder(of: target)
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            throw SystemError("folder \(folder) does not exist", fix: "create it, or name a file in an existing folder")
        }
        let temporary = "\(target).partial-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { unlink(temporary) }
        try writeSynced(bytes, to: temporary, naming: path)
        if replacing {
            guard rename(temporary, target) == 0 else {
                throw SystemError("cannot replace \(path): \(String(cString: strerror(errno)))", fix: "check the folder is writable")
            }
        } else if link(temporary, target) != 0 {
            if errno == EEXIST { throw SystemError("\(path) already exists", fix: "name a new file, or add --force to replace it") }
            throw SystemError("cannot create \(path): \(String(cString: strerror(errno)))", fix: "name a new file in a writable folder")
        }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    private static func writeSynced(_ bytes: Data, to temporary: String, naming path: String) throws(SystemError) {
        // O_EXCL: the temporary name is never someone else's file.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw SystemError("cannot create \(path): \(String(cString: strerror(errno)))", fix: "check the folder is writable")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
        } catch {
            throw SystemError("cannot write \(path): \(error.localizedDescription)", fix: "check the disk has room; \(path) was not changed")
        }
    }

    /// So the new name survives a power cut as well as the bytes do.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
