import Foundation
import SOPCore
import SOPStore
import SOPSystem

/// A file named for `submit`: its bytes, to store content-addressed, and the submission that names them.
public struct SubmittedFile: Sendable {
    public var bytes: Data
    public var content: Submission

    public static func read(_ path: String) throws(ShellError) -> SubmittedFile {
        let bytes: Data
        do { bytes = try InputFiles.bytes(path, what: "file") } catch { throw ShellError(error) }
        return SubmittedFile(bytes: bytes, content: .file(name: Files.name(of: path), bytes: bytes, sha256: ContentHash.sha256(bytes)))
    }
}
