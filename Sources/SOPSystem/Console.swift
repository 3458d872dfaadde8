import Foundation

/// Where command output goes: stdout and stderr in the binary, buffers in tests.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// The process's own stdout and stderr, flushed per line so pipes and terminals see output at once.
    /// Writes that fail (a reader like `head` went away, with SIGPIPE ignored for the notify hook) are
    /// dropped instead of crashing.
    public static let standard = Console(
        out: { text in try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8)) },
        err: { text in try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8)) })
}
