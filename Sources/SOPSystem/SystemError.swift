/// Something the operating system refused: a file that cannot be read, a folder that cannot be
/// written. Says what is wrong and how to fix it; the use-case layer turns it into a command failure.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var fix: String

    public init(_ message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message) (\(fix))" }
}
