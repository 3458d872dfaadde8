import Foundation

/// Where command output goes: stdout and stderr in the binary, buffers in tests.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Under `--json` errors are JSON objects on stderr too, so a script reads one format.
    public var json: Bool
    /// Bytes for stdout exactly as given, no newline added (`show` of a submitted file).
    public var write: @Sendable (Data) -> Void

    /// Without `write`, bytes go to `out` as text (test consoles that collect strings).
    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, json: Bool = false,
        write: (@Sendable (Data) -> Void)? = nil
    ) {
        self.out = out
        self.err = err
        self.json = json
        self.write = write ?? { bytes in out(String(decoding: bytes, as: UTF8.self)) }
    }

    /// The same console, writing errors as JSON when `json` is true.
    public func json(_ json: Bool) -> Console {
        var copy = self
        copy.json = json
        return copy
    }

    /// The process's own stdout and stderr, flushed per line so pipes and terminals see output at once.
    /// Writes that fail (a reader like `head` went away, with SIGPIPE ignored for the notify hook) are
    /// dropped instead of crashing.
    public static let standard = Console(
        out: { text in try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8)) },
        err: { text in try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8)) },
        write: { bytes in try? FileHandle.standardOutput.write(contentsOf: bytes) })
}
