import Foundation
import SOPApp
import SOPCore

/// An error as `--json` prints it on stderr: `{"error": "...", "fix": "...", "rule": "..."}`, where
/// `rule` names the rule of a refusal (and is left out otherwise), and `file`/`line` say which
/// playbook or batch line failed
/// (and `column`, for a problem in a workflow or team file). One line, so a script can read stderr line by line.
struct ErrorJSON: Encodable, Sendable {
    var error: String
    var fix: String
    var rule: String?
    var file: String?
    var line: Int?
    var column: Int?

    init(_ failure: ShellError, file: String? = nil, line: Int? = nil) {
        switch failure {
        case .usage(let message, let fix), .failed(let message, let fix), .failedCheck(_, let message, let fix):
            error = message
            self.fix = fix
        case .refused(let refusal):
            error = refusal.message
            fix = refusal.fix
            rule = refusal.rule.rawValue
        }
        self.file = file
        self.line = line
    }

    var text: String { JSONOutput.line(self) }
}
