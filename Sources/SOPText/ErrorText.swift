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
}
