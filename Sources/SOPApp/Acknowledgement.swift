import Foundation
import SOPCore
import SOPStore

/// What a state-changing command did: the cycle before and after, the events it stored (and the
/// escalations they resolved), for the text layer to say what changed as a consequence.
public struct CycleChange: Sendable {
    public var before: CycleState
    public var after: CycleState
    public var events: [CycleEvent]
    public var today: Day
    public var register: FollowUpRegister
}

/// Runs a state-changing command end to end — read state, let SOPCore decide, append — in one
/// `BEGIN IMMEDIATE` transaction.
public enum Acknowledgement {
    /// What recording a command came to.
    public enum Outcome: Sendable {
        case changed(CycleChange)
        /// Nothing was recorded: the input already holds exactly what was submitted.
        case unchanged(UnchangedInput, cycle: String)
    }

    public static func record(_ session: Session, _ command: CycleCommand, file: Data? = nil) throws -> Outcome {
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
            case .unchanged(let same): return .unchanged(same, cycle: before.id)
            case .record(let events): payloads = events
            }
            if let file { try tx.storeArtifact(file, at: now) }
            let stored = try tx.append(payloads.map { CycleEvent(cycle: before.id, time: now, actor: actor.id, payload: $0) })
            if let file { try keepPlanValues(of: stored, file: file, workflow: before.workflow, tx: tx) }
            var after = before
            for event in stored {
                after.apply(event)
                try tx.save(register.apply(event))
            }
            // The cycles' plans of record the events change are kept in the same transaction (PlanOfRecordStore).
            try tx.refreshPlansOfRecord(PlanOfRecord.cyclesChanged(by: stored, register: register))
            try tx.remember(after, after: stored)
            let resolved = try Escalator.resolve(after: after, register: register, team: team, today: today, at: now, tx: tx)
            return .changed(CycleChange(before: before, after: after, events: stored + resolved, today: today, register: register))
        }
    }

    /// A plan file's values are kept beside it in the command's own transaction, so the figures read
    /// the months they need by index (PlanValueStore). SOPCore accepted the file by reading it the same way.
    private static func keepPlanValues(of events: [CycleEvent], file: Data, workflow: Workflow, tx: StoreTransaction) throws {
        for event in events {
            guard let reading = PlanReading.of(event, workflow: workflow), reading.sha256 == ContentHash.sha256(file) else { continue }
            try tx.storePlanValues(try PlanFileReading.table(file, fileName: reading.fileName, input: reading.input, kind: reading.kind), of: reading)
        }
    }
}
