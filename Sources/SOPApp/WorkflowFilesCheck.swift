import SOPCore
import SOPSystem
import WorkflowFile

/// `sop workflow check FILE...`: each file on its own, and every team named together with a workflow
/// checked against it the way `init` and `cycle open` would use the pair (the team holds the leader
/// and the sponsor, every role held exists in the workflow; roles nobody holds are warned about).
public enum WorkflowFilesCheck {
    /// One finding, in the order the files were named.
    public enum Finding: Sendable {
        case workflow(path: String, Workflow)
        /// `fits`: the workflow the team was checked against, if one was named.
        case team(path: String, Team, fits: String?)
        /// A problem (or a warning) at a place in a file; `against` names the workflow a team failed,
        /// when several were named.
        case diagnostic(FileDiagnostic, against: String?)
        case unreadable(ShellError)
    }

    public struct Report: Sendable {
        public var findings: [Finding] = []
        public var failed = false
    }

    private struct Read {
        var path: String
        var text: String
        var kind: WorkflowFileReader.Kind
    }

    public static func run(_ paths: [String]) -> Report {
        var report = Report()
        var read: [Read] = []
        for path in paths {
            do {
                let text = try InputFiles.text(path, what: "file")
                read.append(Read(path: path, text: text, kind: try WorkflowFileReader.check(yaml: text, file: path)))
            } catch let problems as FileProblems {
                report.failed = true
                report.findings += problems.diagnostics.map { .diagnostic($0, against: nil) }
            } catch let error as SystemError {
                report.failed = true
                report.findings.append(.unreadable(ShellError(error)))
            } catch {
                report.failed = true
                report.findings.append(.unreadable(.failed("\(path): \(error)", fix: "check the file")))
            }
        }
        let workflows = read.compactMap { file -> (Read, Workflow)? in
            if case .workflow(let w) = file.kind { return (file, w) } else { return nil }
        }
        for file in read {
            switch file.kind {
            case .workflow(let w):
                report.findings.append(.workflow(path: file.path, w))
            case .team(let t):
                if workflows.isEmpty {
                    report.findings.append(.team(path: file.path, t, fits: nil))
                } else {
                    check(file, against: workflows, into: &report)
                }
            }
        }
        return report
    }

    /// Re-reads the team against each workflow.
    private static func check(_ team: Read, against workflows: [(Read, Workflow)], into report: inout Report) {
        for (file, workflow) in workflows {
            do {
                let t = try WorkflowFileReader.team(yaml: team.text, file: team.path, workflow: workflow)
                report.findings.append(.team(path: team.path, t, fits: workflow.id))
                let warnings = WorkflowFileReader.unheldRoleWarnings(
                    workflowYAML: file.text, workflowFile: file.path, workflow: workflow, team: t, teamFile: team.path)
                report.findings += warnings.map { .diagnostic($0, against: nil) }
            } catch {
                report.failed = true
                // With several workflows named, say which one the team failed.
                let against = workflows.count > 1 ? "workflow \(workflow.id) in \(file.path)" : nil
                report.findings += error.diagnostics.map { .diagnostic($0, against: against) }
            }
        }
    }
}
