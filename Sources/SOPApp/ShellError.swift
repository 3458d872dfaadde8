import SOPCore
import SOPSystem

/// The ways a command can fail, and the exit code each maps to: 1 refused or failed, 2 usage.
public enum ShellError: Error, Sendable, CustomStringConvertible {
    /// Unknown command or option, missing or extra argument: exit 2.
    case usage(String, fix: String)
    /// A rule of the cycle said no: exit 1.
    case refused(Refusal)
    /// Bad input or I/O (unreadable file, invalid workflow): exit 1.
    case failed(String, fix: String)
    /// A check that ran and found problems (`audit verify`, `check`): its report goes to stdout
    /// (text or JSON) before the error line, and the exit is 1.
    case failedCheck(report: String, String, fix: String)

    public var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .refused, .failed, .failedCheck: 1
        }
    }

    /// `<what is wrong> (<how to fix it>)`, printed after `error: `.
    public var description: String {
        switch self {
        case .usage(let message, let fix), .failed(let message, let fix), .failedCheck(_, let message, let fix): "\(message) (\(fix))"
        case .refused(let refusal): refusal.description
        }
    }

    /// What a failed check found, printed on stdout before the error line.
    public var report: String? {
        if case .failedCheck(let report, _, _) = self { return report }
        return nil
    }
}

extension ShellError {
    /// A file or folder the operating system refused: the command failed (exit 1).
    public init(_ error: SystemError) { self = .failed(error.message, fix: error.fix) }
}
