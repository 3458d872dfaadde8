import SOPCore

/// Reads workflow and team YAML into SOPCore's model, reporting every problem with its line and column.
public enum WorkflowFileReader {
    /// Parses and validates a workflow; throws FileProblems listing EVERY problem found (not just the first).
    public static func workflow(yaml: String, file: String) throws(FileProblems) -> Workflow {
        let log = DiagnosticLog(file: file)
        guard let root = YAMLSource.compose(yaml, log: log),
            let workflow = WorkflowReader(nodes: NodeReader(log: log)).read(root), log.isEmpty
        else { throw log.problems() }
        return workflow
    }

    /// Parses and validates a team file; with a workflow given, also checks every role a participant holds exists in it.
    public static func team(yaml: String, file: String, workflow: Workflow?) throws(FileProblems) -> Team {
        let log = DiagnosticLog(file: file)
        guard let root = YAMLSource.compose(yaml, log: log),
            let team = TeamReader(nodes: NodeReader(log: log), workflow: workflow).read(root), log.isEmpty
        else { throw log.problems() }
        return team
    }

    /// What a file holds, judged by its top-level key (`workflow:` or `team:`), for `sop workflow check`.
    public enum Kind: Sendable {
        case workflow(Workflow)
        case team(Team)
    }

    /// Reads either kind of file, so `sop workflow check` can be pointed at any file in `Workflows/`.
    public static func check(yaml: String, file: String) throws(FileProblems) -> Kind {
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
