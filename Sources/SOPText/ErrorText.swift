import SOPApp
import SOPSystem

extension Console {
    /// `error: <what is wrong> (<how to fix it>)` on stderr, after a failed check's findings on stdout;
    /// under `--json` the object `ErrorJSON` describes. `line` names the input line in batch mode, and
    /// with `file` the playbook line (`FILE:LINE: error: ...`).
    public func report(_ error: ShellError, line: Int? = nil, file: String? = nil) {
        if let findings = error.report { out(findings) }
        if json { return err(ErrorJSON(error, file: file, line: line).text) }
        switch (file, line) {
        case (let file?, let line?): err("\(file):\(line): error: " + error.description)
        case (nil, let line?): err("error: line \(line): " + error.description)
        case (_, nil): err("error: " + error.description)
        }
    }

    /// One problem at a place in a file, as `workflow check` finds them: `FILE:LINE:COL: error: message`
    /// (the compiler's shape, so editors jump to it), or under `--json` the same object as other errors
    /// with `file`, `line` and `column`.
    public func report(_ message: String, file: String, line: Int, column: Int, warning: Bool = false) {
        if warning {
            // A warning does not fail the check; under --json it is an object of its own kind.
            struct WarningJSON: Encodable { var warning: String, file: String, line: Int, column: Int }
            return err(json ? JSONOutput.line(WarningJSON(warning: message, file: file, line: line, column: column))
                : "\(file):\(line):\(column): warning: \(message)")
        }
        guard json else { return err("\(file):\(line):\(column): error: \(message)") }
        var object = ErrorJSON(.failed(message, fix: "edit \(file) at line \(line), column \(column)"), file: file, line: line)
        object.column = column
        err(object.text)
    }
}
