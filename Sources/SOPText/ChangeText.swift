import Foundation
import SOPApp
import SOPCore
import SOPStore

/// The acknowledgement of a state-changing command: each event stored, then what changed as a
/// consequence (stages that moved, sign-offs made stale downstream).
public enum ChangeText {
    public struct EventJSON: Encodable, Sendable {
        public var seq: Int64
        var type: String
        public var actor: String
        public var time: String
        var stage: String?
        public var summary: String
        public init(_ event: CycleEvent) {
            seq = event.seq
            type = event.payload.type.rawValue
            actor = event.actor
            time = Stamp.minute(event.time)
            stage = event.payload.stage
            summary = EventText.describe(event.payload)
        }
    }

    public struct EventsJSON: Encodable, Sendable {
        var cycle: String
        var events: [EventJSON]
        var changes: [StateChange] = []
        var cycleState: String? = nil

        public init(cycle: String, events: [EventJSON], changes: [StateChange] = [], cycleState: String? = nil) {
            self.cycle = cycle
            self.events = events
            self.changes = changes
            self.cycleState = cycleState
        }
    }

    public struct StateChange: Encodable, Sendable {
        var stage: String
        var from: StageState
        var to: StageState
    }

    public static func reply(_ outcome: Acknowledgement.Outcome) -> Reply {
        switch outcome {
        case .changed(let change): reply(change)
        case .unchanged(let same, let cycle):
            Reply(
                "unchanged: \(same.stage) \(same.input) is already version \(same.version)",
                json: UnchangedJSON(cycle: cycle, stage: same.stage, input: same.input, version: same.version))
        }
    }

    public struct UnchangedJSON: Encodable, Sendable {
        var cycle: String
        var unchanged = true
        var stage: String
        var input: String
        var version: Int
        var events: [EventJSON] = []
    }

    public static func reply(_ change: CycleChange) -> Reply {
        let (before, after, events, today, register) = (change.before, change.after, change.events, change.today, change.register)
        var lines = events.map { "#\($0.seq) \($0.actor) \(EventText.describe($0.payload))." }
        var changes: [StateChange] = []
        for stage in after.workflow.stages {
            let from = before.state(of: stage.id)
            let to = after.state(of: stage.id)
            let newlyStale = after.newlyStaleSignoffs(of: stage, since: before)
            guard from != to || !newlyStale.isEmpty else { continue }
            // The full status (due dates, timing) only for the stages the reply names.
            let status = after.status(of: stage, today: today, register: register)
            changes.append(StateChange(stage: stage.id, from: from, to: to))
            var line = "  \(stage.id): \(from.rawValue) -> \(to.rawValue)"
            if to == .open && !status.missingInputs.isEmpty { line += "; needs \(status.missingInputs.andList)" }
            if to == .review && !status.missingSignoffs.isEmpty { line += "; needs sign-off from \(status.missingSignoffs.andList)" }
            for stale in newlyStale { line += "\n    sign-off \(stale.role) by \(stale.by) is now stale: \(ReasonText.stale(stale.reason))" }
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
