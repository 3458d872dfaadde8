import Foundation
import SOPCore
import SOPStore
import SOPSystem
import WorkflowFile

/// `cycle open`: the month's cycle, on the workflow named, or the one the previous cycle used.
public enum CycleOpening {
    public struct Opened: Sendable {
        public var cycle: CycleMonth
        public var version: WorkflowVersion
        public var events: [CycleEvent]
        /// Roles of the workflow nobody on the team holds: their stages cannot be signed off.
        public var unheldRoles: [String]
    }

    /// `force` opens a month far from the clock's (a typo is refused without it).
    public static func open(_ session: Session, month: CycleMonth, workflowFile: String?, force: Bool) throws -> Opened {
        let named = try workflowFile.map(WorkflowSource.read)
        let team = try session.team()
        let actor = try session.actor(team)
        let now = session.now
        let (version, stored) = try session.database.write { tx -> (WorkflowVersion, [CycleEvent]) in
            guard let version = try named ?? tx.workflowForNextCycle() else {
                throw ShellError.failed("the database has no workflow", fix: "give one with --workflow FILE")
            }
            try CycleEvent.requireForward(now, after: try tx.lastEventTime())
            let rows = try tx.cycles()
            let opened = try CycleState.decideOpen(
                cycle: month, workflow: version.workflow, hash: version.hash, existing: rows.map(\.id),
                cancelled: rows.filter(\.cancelled).map(\.id), today: session.today, force: force, by: actor, team: team)
            try tx.storeWorkflow(version, at: now)
            let stored = try tx.append([CycleEvent(cycle: month.description, time: now, actor: actor.id, payload: opened)])
            // A month opened again after a cancellation starts afresh: its kept plans of record too.
            try tx.refreshPlansOfRecord(PlanOfRecord.cyclesChanged(by: stored, register: FollowUpRegister()))
            return (version, stored)
        }
        session.pin(cycle: month.description)
        return Opened(cycle: month, version: version, events: stored, unheldRoles: TeamFit.unheldRoles(of: version.workflow, by: team))
    }
}

/// Reads workflow files named on the command line into versions ready to store.
public enum WorkflowSource {
    public static func read(_ path: String) throws(ShellError) -> WorkflowVersion {
        let text: String
        do { text = try InputFiles.text(path, what: "workflow file") } catch { throw ShellError(error) }
        let workflow: Workflow
        do { workflow = try WorkflowFileReader.workflow(yaml: text, file: path) } catch {
            throw ShellError.failed(
                "\(path) is not a valid workflow:\n" + error.diagnostics.map(\.description).joined(separator: "\n"),
                fix: "fix the file; `sop workflow check \(path)` lists every problem")
        }
        return WorkflowVersion(source: text, sourceName: Files.name(of: path), workflow: workflow)
    }
}
