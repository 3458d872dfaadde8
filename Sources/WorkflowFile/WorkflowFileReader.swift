import Foundation
import SOPCore
import Yams

/// Reads workflow and team YAML into SOPCore's model, reporting every problem with its line and column.
public enum WorkflowFileReader {
    /// Parses and validates a workflow; throws FileProblems listing EVERY problem found (not just the first).
    public static func workflow(yaml: String, file: String) throws(FileProblems) -> Workflow {
        YAMLReading.lock.lock()
        defer { YAMLReading.lock.unlock() }
        let log = DiagnosticLog(file: file)
        guard let root = YAMLSource.compose(yaml, log: log),
            let workflow = WorkflowReader(nodes: NodeReader(log: log)).read(root), log.isEmpty
        else { throw log.problems() }
        return workflow
    }

    /// Parses and validates a team file; with a workflow given, also checks every role a participant holds exists in it.
    public static func team(yaml: String, file: String, workflow: Workflow?) throws(FileProblems) -> Team {
        YAMLReading.lock.lock()
        defer { YAMLReading.lock.unlock() }
        let log = DiagnosticLog(file: file)
        guard let root = YAMLSource.compose(yaml, log: log),
            let team = TeamReader(nodes: NodeReader(log: log), workflow: workflow).read(root), log.isEmpty
        else { throw log.problems() }
        return team
    }

    /// Warnings about a workflow and team checked together: each role of the workflow nobody on the team
    /// holds, at the line of the workflow file that defines it.
    public static func unheldRoleWarnings(
        workflowYAML: String, workflowFile: String, workflow: Workflow, team: Team, teamFile: String
    ) -> [FileDiagnostic] {
        YAMLReading.lock.lock()
        defer { YAMLReading.lock.unlock() }
        let roles = (try? Yams.compose(yaml: workflowYAML))?.mapping?["roles"]?.mapping
        return TeamFit.unheldRoles(of: workflow, by: team).map { role in
            let key = roles?.first { $0.key.string == role }?.key
            let position = key?.position ?? .start
            return FileDiagnostic(
                file: workflowFile, line: position.line, column: position.column,
                message: "nobody in \(teamFile) holds the role '\(role)' (a stage that needs its sign-off can never be done: "
                    + "give the role to someone in \(teamFile), or remove it from the workflow)",
                isWarning: true)
        }
    }

    /// What a file holds, judged by its top-level key (`workflow:` or `team:`), for `sop workflow check`.
    public enum Kind: Sendable {
        case workflow(Workflow)
        case team(Team)
    }

    /// Reads either kind of file, so `sop workflow check` can be pointed at any file in `Workflows/`.
    public static func check(yaml: String, file: String) throws(FileProblems) -> Kind {
        YAMLReading.lock.lock()
        defer { YAMLReading.lock.unlock() }
        let log = DiagnosticLog(file: file)
        guard let root = YAMLSource.compose(yaml, log: log) else { throw log.problems() }
        switch (root.mappingHas("workflow"), root.mappingHas("team")) {
        case (true, true):
            log.error(
                "the file has both `workflow:` and `team:` (keep the workflow and the team in separate files)",
                at: root.position)
        case (false, true):
            if let team = TeamReader(nodes: NodeReader(log: log), workflow: nil).read(root), log.isEmpty {
                return .team(team)
            }
        case (true, false), (false, false):
            // With neither key the workflow reader explains what is missing, the more likely intent.
            if let workflow = WorkflowReader(nodes: NodeReader(log: log)).read(root), log.isEmpty {
                return .workflow(workflow)
            }
        }
        throw log.problems()
    }
}

/// One YAML read at a time in a process. Yams resolves scalar tags with shared `NSRegularExpression`s,
/// and on Linux Foundation's ICU-backed matching crashed (a bad pointer in `swift_utext_close`) when two
/// threads read files at once, as parallel tests do. The binary reads on one thread, so the lock
/// costs it nothing; recursive, since a reader may call another.
enum YAMLReading {
    static let lock = NSRecursiveLock()
}
