import Foundation
import SOPCore
import SOPStore
import WorkflowFile

/// Creating a database: from named files (`sop init`) or the bundled ones (first use).
public enum DatabaseSetup {
    /// The workflow and team a new database starts with, already validated.
    struct Starter {
        var workflow: WorkflowVersion
        var team: Team
    }

    static func bundledStarter() throws(ShellError) -> Starter {
        try starter(
            workflowText: BundledFiles.monthlyWorkflow, workflowName: BundledFiles.monthlyWorkflowName,
            teamText: BundledFiles.team, teamName: BundledFiles.teamName)
    }

    static func starter(workflowText: String, workflowName: String, teamText: String, teamName: String) throws(ShellError) -> Starter {
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
        // Without a leader nobody could open or close a cycle: the database would be stuck from day one.
        if team.holders(of: "leader").isEmpty {
            throw ShellError.failed("\(teamName): nobody holds the leader role", fix: "give at least one participant `roles: [leader]`")
        }
        return Starter(workflow: WorkflowVersion(source: workflowText, sourceName: workflowName, workflow: workflow), team: team)
    }

    /// Creates the database file; on any failure removes what it created, so nothing half-made is left.
    /// With `openCycle`, also opens that month's cycle as the `system` actor (the first-run experience).
    static func create(at path: String, starter: Starter, now: Date, openCycle: CycleMonth?) throws(ShellError) -> SOPDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            throw ShellError.failed("folder \(directory) does not exist", fix: "create it, or choose another --db path")
        }
        do {
            let database = try SOPDatabase(path: path)
            do {
                try database.initialize(workflow: starter.workflow, team: starter.team, at: now)
            } catch is StoreError {
                // Another process created it at the same moment: use theirs.
                return database
            }
            if let openCycle {
                try database.write { tx in
                    let opened = EventPayload.cycleOpened(CycleOpened(workflow: starter.workflow.workflow.id, workflowHash: starter.workflow.hash))
                    if try !tx.cycles().contains(where: { $0.id == openCycle.description }) {
                        try tx.append([CycleEvent(cycle: openCycle.description, time: now, actor: "system", payload: opened)])
                    }
                }
            }
            return database
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw ShellError.failed("cannot create database \(path): \(error)", fix: "check the path and that the folder is writable")
        }
    }
}
