import SOPSystem

/// A file a backup or a copy writes: never over an existing one, and put in place only when whole and
/// verified (it is written under a temporary name beside it), so a crash or a full disk never leaves
/// something that looks like a record at the path.
enum NewRecordFile {
    /// The path to write, after refusing one that exists or whose folder does not. `kind` names the file
    /// in the refusal ("a backup", "a copy").
    static func target(_ path: String, kind: String) throws(ShellError) -> String {
        let target = Files.expandingTilde(path)
        if Files.exists(target) {
            throw ShellError.failed("\(path) already exists", fix: "name a new file; \(kind) never overwrites one")
        }
        let folder = PathText.folder(of: target)
        if !folder.isEmpty && !Files.exists(folder) {
            throw ShellError.failed("folder \(folder) does not exist", fix: "create it, or name a file in an existing folder")
        }
        return target
    }

    /// Links the finished temporary file into place; another file that appeared meanwhile is not touched.
    static func place(_ temporary: String, at target: String, shown path: String, kind: String) throws(ShellError) {
        switch Files.place(temporary, at: target) {
        case .placed: return
        case .targetExists: throw ShellError.failed("\(path) already exists", fix: "name a new file; \(kind) never overwrites one")
        case .failed(let reason): throw ShellError.failed("cannot create \(path): \(reason)", fix: "name a new file in a writable folder")
        }
    }
}
