import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText
import WorkflowFile

/// `sop workflow check FILE...`: each file on its own, and every team named together with a workflow
/// checked against it the way `init` and `cycle open` would use the pair (the team holds the leader
/// and the sponsor, every role held exists in the workflow; roles nobody holds are warned about).
struct WorkflowCheck {
    let console: Console

    private struct Read {
        var path: String
        var text: String
        var kind: WorkflowFileReader.Kind
    }

    func run(_ paths: [String]) -> Int32 {
        var failed = false
        var read: [Read] = []
        for path in paths {
            do {
                let text = try InputFiles.text(path, what: "file")
                read.append(Read(path: path, text: text, kind: try WorkflowFileReader.check(yaml: text, file: path)))
            } catch let problems as FileProblems {
                failed = true
                for d in problems.diagnostics { report(d) }
            } catch let error as SystemError {
                failed = true
                console.report(ShellError(error))
            } catch {
                failed = true
                console.report(.failed("\(path): \(error)", fix: "check the file"))
            }
        }
        let workflows = read.compactMap { file -> (Read, Workflow)? in
            if case .workflow(let w) = file.kind { return (file, w) } else { return nil }
        }
        for file in read {
            switch file.kind {
            case .workflow(let w):
                let inputs = w.stages.reduce(0) { $0 + $1.inputs.count }
                console.out(
                    "\(file.path): ok: workflow \(w.id), \(w.stages.count.counted("stage")), \(w.roles.count.counted("role")), \(inputs.counted("input"))")
            case .team(let t):
                if workflows.isEmpty {
                    console.out(summary(of: t, at: file.path))
                } else if !check(file, against: workflows) {
                    failed = true
                }
            }
        }
        return failed ? 1 : 0
    }

    private func report(_ d: FileDiagnostic, suffix: String = "") {
        console.report(d.message + suffix, file: d.file, line: d.line, column: d.column, warning: d.isWarning)
    }

    private func summary(of t: Team, at path: String, fitting workflow: String? = nil) -> String {
        let roles = Set(t.participants.flatMap(\.roles))
        return "\(path): ok: team of \(t.participants.count.counted("participant")) holding \(roles.count.counted("role")), identity \(t.identity.rawValue)"
            + (workflow.map { ", fits workflow \($0)" } ?? "")
    }

    /// Re-reads the team against each workflow; true when it fits every one.
    private func check(_ team: Read, against workflows: [(Read, Workflow)]) -> Bool {
        var fits = true
        for (file, workflow) in workflows {
            do {
                let t = try WorkflowFileReader.team(yaml: team.text, file: team.path, workflow: workflow)
                console.out(summary(of: t, at: team.path, fitting: workflow.id))
                let warnings = WorkflowFileReader.unheldRoleWarnings(
                    workflowYAML: file.text, workflowFile: file.path, workflow: workflow, team: t, teamFile: team.path)
                for w in warnings { report(w) }
            } catch {
                fits = false
                // With several workflows named, say which one the team failed.
                let against = workflows.count > 1 ? " [against workflow \(workflow.id) in \(file.path)]" : ""
                for d in error.diagnostics { report(d, suffix: against) }
            }
        }
        return fits
    }
}
