import Foundation

/// Reading files the user names; failures are clear errors that change nothing.
enum InputFiles {
    /// Plan files larger than this are almost certainly the wrong file.
    static let maximumSize = 64 * 1024 * 1024

    static func bytes(_ path: String, what: String) throws -> Data {
        // stat, not lstat: a symbolic link is judged by the file it points to, so a link cannot slip a
        // 100 MiB file past the size limit or a device past the regular-file check.
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == EACCES {
                throw ShellError.failed("cannot read \(what) \(path)", fix: "check its permissions")
            }
            if errno == ELOOP {
                throw ShellError.failed("\(what) \(path) is a loop of symbolic links", fix: "name the file itself")
            }
            throw ShellError.failed("\(what) \(path) does not exist", fix: "check the path; Tab completes file names")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ShellError.failed("\(path) is a folder, not a file", fix: "name a file inside it")
        default:
            // A FIFO would block the read until someone writes to it, /dev/zero would never end.
            throw ShellError.failed("\(path) is not a regular file (a device, pipe or socket)", fix: "name a file saved on disk")
        }
        let size = Int(info.st_size)
        if size > maximumSize {
            throw ShellError.failed("\(path) is \(size / 1_048_576) MiB; the limit is \(maximumSize / 1_048_576) MiB", fix: "submit a smaller extract, or a --link to where the file lives")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ShellError.failed("cannot read \(what) \(path)", fix: "check its permissions")
        }
        defer { try? handle.close() }
        // Bounded even now: a file that grows after the size check (or a /proc file that reports 0) stops here.
        let data: Data
        do { data = try handle.read(upToCount: maximumSize + 1) ?? Data() } catch {
            throw ShellError.failed("cannot read \(what) \(path): \(error.localizedDescription)", fix: "check the file")
        }
        if data.count > maximumSize {
            throw ShellError.failed("\(path) is over \(maximumSize / 1_048_576) MiB", fix: "submit a smaller extract, or a --link to where the file lives")
        }
        return data
    }

    static func text(_ path: String, what: String) throws -> String {
        guard let text = String(data: try bytes(path, what: what), encoding: .utf8) else {
            throw ShellError.failed("\(what) \(path) is not UTF-8 text", fix: "save it as UTF-8")
        }
        return text
    }
}
