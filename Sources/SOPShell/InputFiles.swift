import Foundation

/// Reading files the user names; failures are clear errors that change nothing.
enum InputFiles {
    /// Plan files larger than this are almost certainly the wrong file.
    static let maximumSize = 64 * 1024 * 1024

    static func bytes(_ path: String, what: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ShellError.failed("\(what) \(path) does not exist", fix: "check the path; Tab completes file names")
        }
        if isDirectory.boolValue { throw ShellError.failed("\(path) is a folder, not a file", fix: "name a file inside it") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumSize {
            throw ShellError.failed("\(path) is \(size / 1_048_576) MiB; the limit is \(maximumSize / 1_048_576) MiB", fix: "submit a smaller extract, or a --link to where the file lives")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError.failed("cannot read \(what) \(path)", fix: "check its permissions")
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
