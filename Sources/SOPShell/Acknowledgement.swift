import Foundation
import SOPCore
import SOPStore

/// Runs a state-changing command end to end — read state, let SOPCore decide, append, report — in one
/// `BEGIN IMMEDIATE` transaction, and says what changed as a consequence (stale sign-offs downstream).
enum Acknowledgement {
    static func change(_ session: Session, _ command: CycleCommand, file: Data? = nil) throws -> Reply {
        let now = session.now
        let today = session.today
        return try session.database.write { tx in
            // The team is read in the command's own transaction: one transaction per command, and the
            // actor is checked against the team as it stands when the command is decided.
            let team = try tx.team()
            let actor = try session.actor(team)
            try CycleEvent.requireForward(now, after: try tx.lastEventTime())
            let before = try session.loadCycle(tx)
            var register = try tx.followUps(visibleIn: before.id, including: command.referencedItems)
            let context = DecisionContext(register: register, next: try tx.nextNumbers(), today: today)
            let payloads: [EventPayload]
            switch try before.decision(command, by: actor, team: team, context: context) {
            case .unchanged(let same): return unchanged(same, in: before.id)
            case .record(let events): payloads = events
            }
            if let file { try tx.storeArtifact(file, at: now) }
            let stored = try tx.append(payloads.map { CycleEvent(cycle: before.id, time: now, actor: actor.id, payload: $0) })
            var after = before
            for event in stored {
                after.apply(event)
                try tx.save(register.apply(event))
            }
            try tx.remember(after, after: stored)
            let resolved = try Escalator.resolve(after: after, register: register, team: team, today: today, at: now, tx: tx)
            return reply(before: before, after: after, events: stored + resolved, today: today, register: register)
        }
    }

    /// Nothing was recorded: the input already holds what was submitted.
    static func unchanged(_ same: UnchangedInput, in cycle: String) -> Reply {
        Reply(
            "unchanged: \(same.stage) \(same.input) is already version \(same.version)",
            json: UnchangedJSON(cycle: cycle, stage: same.stage, input: same.input, version: same.version))
    }

    struct UnchangedJSON: Encodable, Sendable {
        var cycle: String
        var unchanged = true
        var stage: String
        var input: String
        var version: Int
        var events: [EventJSON] = []
    }

    struct EventJSON: Encodable, Sendable {
        var seq: Int64
        var type: String
        var actor: String
        var time: String
        var stage: String?
        var summary: String
        init(_ event: CycleEvent) {
            seq = event.seq
            type = event.payload.type.rawValue
            actor = event.actor
            time = Stamp.minute(event.time)
            stage = event.payload.stage
            summary = EventText.describe(event.payload)
        }
    }

    struct EventsJSON: Encodable, Sendable {
        var cycle: String
        var events: [EventJSON]
        var changes: [StateChange] = []
        var cycleState: String? = nil
    }

    struct StateChange: Encodable, Sendable {
        var stage: String
        var from: StageState
        var to: StageState
    }

    static func reply(before: CycleState, after: CycleState, events: [CycleEvent], today: Day, register: FollowUpRegister) -> Reply {
        var lines = events.map { "#\($0.seq) \($0.actor) \(EventText.describe($0.payload))." }
        var changes: [StateChange] = []
        for stage in after.workflow.stages {
            let from = before.state(of: stage.id)
            let to = after.state(of: stage.id)
            let wasStale = before.staleSignoffs(of: stage)
            let newlyStale = after.staleSignoffs(of: stage).filter { stale in
                !wasStale.contains { $0.role == stale.role && $0.by == stale.by }
            }
            guard from != to || !newlyStale.isEmpty else { continue }
            // The full status (due dates, timing) only for the stages the reply names.
            let status = after.status(of: stage, today: today, register: register)
            changes.append(StateChange(stage: stage.id, from: from, to: to))
            var line = "  \(stage.id): \(from.rawValue) -> \(to.rawValue)"
            if to == .open && !status.missingInputs.isEmpty { line += "; needs \(status.missingInputs.andList)" }
            if to == .review && !status.missingSignoffs.isEmpty { line += "; needs sign-off from \(status.missingSignoffs.andList)" }
            for stale in newlyStale { line += "\n    sign-off \(stale.role) by \(stale.by) is now stale: \(stale.because)" }
            lines.append(line)
        }
        if after.isClosed && !before.isClosed { lines.append("Cycle \(after.id) is closed.") }
        if after.isCancelled && !before.isCancelled {
            lines.append("Cycle \(after.id) is cancelled: it stays in the record and counts in no figure; `cycle open \(after.id)` opens the month again.")
        }
        let json = EventsJSON(
            cycle: after.id, events: events.map(EventJSON.init), changes: changes,
            cycleState: after.stateWord)
        return Reply(lines.joined(separator: "\n"), json: json)
    }
}

/// One-line descriptions of events, for acknowledgements and `log`.
enum EventText {
    static func describe(_ payload: EventPayload) -> String {
        switch payload {
        case .cycleOpened(let e): "opened the cycle on workflow \(e.workflow) (version \(e.workflowHash.prefix(12)))"
        case .inputSubmitted(let e):
            "\(e.version == 1 ? "submitted" : "resubmitted") \(e.stage) \(e.input) version \(e.version): \(e.content.summary)"
        case .signedOff(let e): "signed off \(e.stage) as \(e.role)" + (e.comment.map { ": \"\($0)\"" } ?? "")
        case .rejected(let e): "rejected \(e.stage) (\(e.inputs.joined(separator: ", "))): \(e.reason)"
        case .waived(let e): "waived \(e.stage): \(e.reason)"
        case .cycleClosed: "closed the cycle"
        case .cycleCancelled(let e): "cancelled the cycle: \(e.reason)"
        case .proposalRaised(let e):
            "raised \(FollowUpKind.proposal.label(e.number)): \(e.text)"
                + (e.options.isEmpty ? "" : " [options: \(e.options.joined(separator: " | "))]")
                + (e.stage.map { " (stage \($0))" } ?? "")
        case .decisionRecorded(let e):
            "recorded \(FollowUpKind.decision.label(e.number))"
                + (e.proposal.map { " on \(FollowUpKind.proposal.label($0))" } ?? "")
                + (e.supersedes.map { ", superseding \(FollowUpKind.decision.label($0))" } ?? "")
                + ": \(e.text)" + (e.option.map { " [option: \($0)]" } ?? "") + " (rationale: \(e.rationale))"
        case .proposalDeferred(let e): "deferred \(FollowUpKind.proposal.label(e.number)) to \(e.to): \(e.reason)"
        case .actionAdded(let e):
            "added \(FollowUpKind.action.label(e.number)) for \(e.owner), due \(e.due): \(e.title)"
                + (e.decision.map { " (follows \(FollowUpKind.decision.label($0)))" } ?? "")
        case .actionDone(let e): "completed \(FollowUpKind.action.label(e.number))" + (e.note.map { ": \($0)" } ?? "")
        case .actionCancelled(let e): "cancelled \(FollowUpKind.action.label(e.number)): \(e.reason)"
        case .actionReassigned(let e): "reassigned \(FollowUpKind.action.label(e.number)) from \(e.from) to \(e.to)"
        case .escalationRaised(let e):
            "raised E-\(e.number): \(e.message); told " + (e.told.isEmpty ? "nobody" : e.told.joined(separator: ", "))
                + (e.unheld.isEmpty ? "" : " (nobody holds \(e.unheld.joined(separator: ", ")))")
        case .escalationResolved(let e): "resolved E-\(e.number): \(e.because)"
        }
    }
}
