import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Prints what `WorkflowFilesCheck` found: a one-line summary per file that reads, every problem as
/// `FILE:LINE:COL: error:` (or `warning:`), JSON-aware through the console.
struct WorkflowCheck {
    let console: Console

    func run(_ paths: [String]) -> Int32 {
        let report = WorkflowFilesCheck.run(paths)
        for finding in report.findings {
            switch finding {
            case .workflow(let path, let w):
                let inputs = w.stages.reduce(0) { $0 + $1.inputs.count }
                console.out(
                    "\(path): ok: workflow \(w.id), \(w.stages.count.counted("stage")), \(w.roles.count.counted("role")), \(inputs.counted("input"))")
            case .team(let path, let t, let fits):
                let roles = Set(t.participants.flatMap(\.roles))
                console.out(
                    "\(path): ok: team of \(t.participants.count.counted("participant")) holding \(roles.count.counted("role")), identity \(t.identity.rawValue)"
                        + (fits.map { ", fits workflow \($0)" } ?? ""))
            case .diagnostic(let d, let against):
                console.report(d.message + (against.map { " [against \($0)]" } ?? ""), file: d.file, line: d.line, column: d.column, warning: d.isWarning)
            case .unreadable(let error):
                console.report(error)
            }
        }
        return report.failed ? 1 : 0
    }
}
