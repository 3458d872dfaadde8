import Foundation
import SOPCore
import SOPStore
import WorkflowFile

extension Handlers {
    struct CycleJSON: Encodable, Sendable {
        var id: String
        var workflow: String
        var state: String
        var stagesComplete: Int
        var stages: Int
        var current: Bool
    }

    static func cycleList(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let rows: [CycleJSON] = try session.database.read { tx in
            let current = try? session.cycleID(tx)
            return try tx.cycles().compactMap { row in
                guard let state = try tx.loadCycle(row.id) else { return nil }
                let complete = state.workflow.stages.filter { state.state(of: $0.id).isComplete }.count
                return CycleJSON(
                    id: row.id, workflow: state.workflow.id, state: state.stateWord,
                    stagesComplete: complete, stages: state.workflow.stages.count, current: row.id == current)
            }
        }
        if rows.isEmpty { return Reply("No cycles yet; the leader opens one with `cycle open`.", json: rows) }
        var table = TextTable(["", "CYCLE", "WORKFLOW", "STATE", "STAGES DONE"])
        for row in rows {
            table.add([row.current ? "*" : "", row.id, row.workflow, row.state, "\(row.stagesComplete)/\(row.stages)"])
        }
        return Reply(table.rendered, json: rows)
    }

    static func cycleUse(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let id = try cycleArgument(command.arguments[0])
        let exists = try session.database.read { tx in try tx.cycles().contains { $0.id == id } }
        guard exists else {
            throw ShellError.refused(Refusal(.unknownCycle, "there is no cycle \(id)", fix: "`cycle list` shows the cycles; the leader opens one with `cycle open \(id)`"))
        }
        session.use(cycle: id)
        return Reply("Now working on cycle \(id).")
    }

    static func cycleOpen(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let month = try command.argument(0).map(cycleArgument).flatMap(CycleMonth.init) ?? CycleMonth(session.today)
        let named = try command.option("--workflow").map(WorkflowSource.read)
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
                cancelled: rows.filter(\.cancelled).map(\.id), today: session.today, force: command.flag("--force"), by: actor, team: team)
            try tx.storeWorkflow(version, at: now)
            let stored = try tx.append([CycleEvent(cycle: month.description, time: now, actor: actor.id, payload: opened)])
            return (version, stored)
        }
        session.use(cycle: month.description)
        let unheld = TeamFit.unheldRoles(of: version.workflow, by: team)
        var text = "Opened cycle \(month) on workflow \(version.workflow.id) (version \(version.hash.prefix(12)), from \(version.sourceName))."
        if !unheld.isEmpty {
            text += "\nWarning: nobody on the team holds \(unheld.andList); stages that need \(unheld.count == 1 ? "that role" : "those roles") cannot be signed off."
        }
        return Reply(text, json: Acknowledgement.EventsJSON(cycle: month.description, events: stored.map(Acknowledgement.EventJSON.init)))
    }

    static func cycleClose(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(session, .close)
    }

    static func cycleCancel(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let reply = try Acknowledgement.change(session, .cancel(reason: command.option("--reason") ?? ""))
        // A REPL that opened or chose the cancelled cycle goes back to the default one, like a new session.
        session.useDefaultCycle()
        return reply
    }

    /// `YYYY-MM`, or a usage error saying so.
    static func cycleArgument(_ text: String) throws -> String {
        guard let month = CycleMonth(text) else {
            throw ShellError.usage("'\(text)' is not a cycle id", fix: "write the month as YYYY-MM, e.g. 2026-11")
        }
        return month.description
    }
}

/// Reads workflow files named on the command line into versions ready to store.
enum WorkflowSource {
    static func read(_ path: String) throws -> WorkflowVersion {
        let text = try InputFiles.text(path, what: "workflow file")
        let workflow: Workflow
        do { workflow = try WorkflowFileReader.workflow(yaml: text, file: path) } catch {
            throw ShellError.failed(
                "\(path) is not a valid workflow:\n" + error.diagnostics.map(\.description).joined(separator: "\n"),
                fix: "fix the file; `sop workflow check \(path)` lists every problem")
        }
        return WorkflowVersion(source: text, sourceName: (path as NSString).lastPathComponent, workflow: workflow)
    }
}
