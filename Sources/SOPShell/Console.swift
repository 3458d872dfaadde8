import Foundation

/// Where command output goes: stdout and stderr in the binary, buffers in tests.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Bytes for stdout exactly as given, no newline added (`show` of a submitted file).
    public var write: @Sendable (Data) -> Void

    /// Without `write`, bytes go to `out` as text (test consoles that collect strings).
    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, write: (@Sendable (Data) -> Void)? = nil
    ) {
        self.out = out
        self.err = err
        self.write = write ?? { bytes in out(String(decoding: bytes, as: UTF8.self)) }
    }

    /// The process's own stdout and stderr, flushed per line so pipes and terminals see output at once.
    /// Writes that fail (a reader like `head` went away, with SIGPIPE ignored for the notify hook) are
    /// dropped instead of crashing.
    public static let standard = Console(
        out: { text in try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8)) },
        err: { text in try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8)) },
        write: { bytes in try? FileHandle.standardOutput.write(contentsOf: bytes) })

    /// `error: <what is wrong> (<how to fix it>)` on stderr, after a failed check's findings on stdout.
    /// `line` names the input line in batch mode.
    public func report(_ error: ShellError, line: Int? = nil) {
        if let findings = error.report { out(findings) }
        err("error: " + (line.map { "line \($0): " } ?? "") + error.description)
    }
}
