import SOPApp
import SOPSystem

extension Console {
    /// `error: <what is wrong> (<how to fix it>)` on stderr, after a failed check's findings on stdout.
    /// `line` names the input line in batch mode.
    public func report(_ error: ShellError, line: Int? = nil) {
        if let findings = error.report { out(findings) }
        err("error: " + (line.map { "line \($0): " } ?? "") + error.description)
    }
}
