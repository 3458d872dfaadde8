import Foundation
import SOPCore
import SOPStore
import SOPSystem
import WorkflowFile

/// Creating a database: from named files (`sop init`) or the bundled ones (first use).
public enum DatabaseSetup {
    /// The workflow and team a new database starts with, already validated.
    public struct Starter: Sendable {
        public var workflow: WorkflowVersion
        public var team: Team
    }

    public static func bundledStarter() throws(ShellError) -> Starter {
        try starter(
            workflowText: BundledFiles.monthlyWorkflow, workflowName: BundledFiles.monthlyWorkflowName,
            teamText: BundledFiles.team, teamName: BundledFiles.teamName)
    }

    public static func starter(workflowText: String, workflowName: String, teamText: String, teamName: String) throws(ShellError) -> Starter {
        let workflow: Workflow
        do { workflow = try WorkflowFileReader.workflow(yaml: workflowText, file: workflowName) } catch {
            throw ShellError.failed(
                "\(workflowName) is not a valid workflow:\n" + error.diagnostics.map(\.description).joined(separator: "\n"),
                fix: "fix it; `sop workflow check \(workflowName)` lists every problem")
        }
        let team: Team
        do { team = try WorkflowFileReader.team(yaml: teamText, file: teamName, workflow: workflow) } catch {
            throw ShellError.failed(
                "\(teamName) is not a valid team for workflow \(workflow.id):\n" + error.diagnostics.map(\.description).joined(separator: "\n"),
                fix: "fix it; `sop workflow check \(teamName)` checks it")
        }
        // A team without a leader or sponsor is refused by the reader above (TeamFit), at its line.
        return Starter(workflow: WorkflowVersion(source: workflowText, sourceName: workflowName, workflow: workflow), team: team)
    }

    /// Creates the database file, complete or not at all: it is built under a temporary name and
    /// linked into place, which fails if another process created `path` first (then theirs is used).
    /// With `openCycle`, also opens that month's cycle as the `system` actor (the first-run experience).
    /// Returns the database and whether this process created it.
    public static func create(at path: String, starter: Starter, now: Date, openCycle: CycleMonth?) throws(ShellError) -> (SOPDatabase, created: Bool) {
        let directory = PathText.folder(of: path)
        if !directory.isEmpty && !Files.exists(directory) {
            throw ShellError.failed("folder \(directory) does not exist", fix: "create it, or choose another --db path")
        }
        removeAbandonedTemporaries(of: path)
        let temporary = Files.temporaryName(beside: path, purpose: "creating")
        defer { Files.removeDatabaseFiles(temporary) }
        do {
            let database = try SOPDatabase(path: temporary)
            try database.initialize(workflow: starter.workflow, team: starter.team, at: now)
            if let openCycle {
                let opened = EventPayload.cycleOpened(CycleOpened(workflow: starter.workflow.workflow.id, workflowHash: starter.workflow.hash))
                try database.write { tx in
                    try tx.append([CycleEvent(cycle: openCycle.description, time: now, actor: "system", payload: opened)])
                }
            }
            try database.close()
        } catch {
            throw StorageTrouble.error(error, path: path, moment: .creating)
                ?? .failed("cannot create database \(path): \(error)", fix: "check the path and that the folder is writable")
        }
        var created = true
        switch Files.place(temporary, at: path) {
        case .placed: break
        case .targetExists: created = false  // another process created it a moment ago
        case .failed(let reason):
            throw ShellError.failed("cannot create database \(path): \(reason)", fix: "check that the folder is writable")
        }
        return (try DatabaseOpening.existing(path), created)
    }

    /// Removes what a creation killed midway (kill -9, power loss) left beside `path`: the
    /// `NAME.creating-PID-TAG` files (and their -wal/-shm) of a process that no longer runs. Only files
    /// older than a minute, so a creation running in another PID namespace is never touched.
    static func removeAbandonedTemporaries(of path: String) {
        Files.removeAbandoned(prefix: Files.name(of: path) + ".creating-", in: StorageTrouble.folder(of: path))
    }
}
