import Foundation

/// Reading files the user names; failures are clear errors that change nothing.
public enum InputFiles {
    /// Plan files larger than this are almost certainly the wrong file.
    public static let maximumSize = 64 * 1024 * 1024

    public static func bytes(_ path: String, what: String) throws(SystemError) -> Data {
        // stat, not lstat: a symbolic link is judged by the file it points to, so a link cannot slip a
        // 100 MiB file past the size limit or a device past the regular-file check.
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == EACCES {
                throw SystemError("cannot read \(what) \(path)", fix: "check its permissions")
            }
            if errno == ELOOP {
                throw SystemError("\(what) \(path) is a loop of symbolic links", fix: "name the file itself")
            }
            throw SystemError("\(what) \(path) does not exist", fix: "check the path; Tab completes file names")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw SystemError("\(path) is a folder, not a file", fix: "name a file inside it")
        default:
            // A FIFO would block the read until someone writes to it, /dev/zero would never end.
            throw SystemError("\(path) is not a regular file (a device, pipe or socket)", fix: "name a file saved on disk")
        }
        let size = Int(info.st_size)
        if size > maximumSize {
            throw SystemError("\(path) is \(size / 1_048_576) MiB; the limit is \(maximumSize / 1_048_576) MiB", fix: "submit a smaller extract, or a --link to where the file lives")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SystemError("cannot read \(what) \(path)", fix: "check its permissions")
        }
        defer { try? handle.close() }
        // Bounded even now: a file that grows after the size check (or a /proc file that reports 0) stops here.
        let data: Data
        do { data = try handle.read(upToCount: maximumSize + 1) ?? Data() } catch {
            throw SystemError("cannot read \(what) \(path): \(error.localizedDescription)", fix: "check the file")
        }
        if data.count > maximumSize {
            throw SystemError("\(path) is over \(maximumSize / 1_048_576) MiB", fix: "submit a smaller extract, or a --link to where the file lives")
        }
        return data
    }

    public static func text(_ path: String, what: String) throws(SystemError) -> String {
        guard let text = String(data: try bytes(path, what: what), encoding: .utf8) else {
            throw SystemError("\(what) \(path) is not UTF-8 text", fix: "save it as UTF-8")
        }
        return text
    }
}
