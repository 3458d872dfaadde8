import Foundation
import SOPCore
import SOPStore
import SOPSystem

/// What one evaluation of the ladders changed.
public struct EscalationRun: Sendable {
    public var raised: [Escalation] = []
    public var resolved: [Escalation] = []
}

/// Runs the escalation ladders against the store: SOPCore decides, this appends the events, keeps the
/// `escalations` table and writes each recipient's notification, all in one `BEGIN IMMEDIATE`
/// transaction. Two processes evaluating at once serialize, and the second finds the first's
/// escalations live, so nothing is raised twice.
/// The words of a notification, which the text layer writes: the escalator stores them with each
/// notification (they are the mail the hook sends) but does not choose them.
public protocol NotificationWording {
    static func subject(_ escalation: Escalation) -> String
    static func body(_ escalation: Escalation, cycle: CycleState, followUps: FollowUpRegister, team: Team, today: Day) -> String
}

public enum Escalator {
    /// The actor escalation events are recorded under: the tool, not a person.
    static let actor = "system"

    /// Evaluates every open cycle's ladders at the session's clock.
    public static func evaluate(_ session: Session, wording: any NotificationWording.Type) throws -> EscalationRun {
        let now = session.now
        let today = session.today
        return try session.database.write { tx in
            try CycleEvent.requireForward(now, after: try tx.lastEventTime())
            let team = try tx.team()
            var escalations = try tx.liveEscalations()
            var run = EscalationRun()
            for id in try tx.openCycleIDs() {
                guard let cycle = try tx.loadCycle(id) else { continue }
                let followUps = try tx.followUps(visibleIn: id, including: actionLabels(escalations))
                let check = EscalationCheck(cycle: cycle, team: team, today: today, register: followUps, escalations: escalations)
                let payloads = check.resolutions() + check.raises(numberingFrom: try tx.nextEscalationNumber())
                try record(
                    payloads, in: cycle, followUps: followUps, at: now, team: team, today: today, tx: tx,
                    escalations: &escalations, run: &run, wording: wording)
            }
            return run
        }
    }

    /// After a command changed cycle `cycle` (inside its transaction): resolves the live escalations its
    /// change ended, so a stage signed off is no longer escalated from that moment on.
    static func resolve(after cycle: CycleState, register: FollowUpRegister, team: Team, today: Day, at now: Date,
                        tx: StoreTransaction) throws -> [CycleEvent] {
        var escalations = try tx.liveEscalations()
        guard !escalations.live.isEmpty else { return [] }
        let check = EscalationCheck(cycle: cycle, team: team, today: today, register: register, escalations: escalations)
        var run = EscalationRun()
        return try record(
            check.resolutions(), in: cycle, followUps: register, at: now, team: team, today: today, tx: tx,
            escalations: &escalations, run: &run)
    }

    @discardableResult
    private static func record(
        _ payloads: [EventPayload], in cycle: CycleState, followUps: FollowUpRegister, at now: Date, team: Team, today: Day, tx: StoreTransaction,
        escalations: inout EscalationRegister, run: inout EscalationRun, wording: (any NotificationWording.Type)? = nil
    ) throws -> [CycleEvent] {
        guard !payloads.isEmpty else { return [] }
        let stored = try tx.append(payloads.map { CycleEvent(cycle: cycle.id, time: now, actor: actor, payload: $0) })
        for event in stored {
            guard let escalation = escalations.apply(event) else { continue }
            try tx.save(escalation)
            guard escalation.isLive else {
                run.resolved.append(escalation)
                continue
            }
            run.raised.append(escalation)
            // Only `evaluate` raises; resolving after a command never reaches here without wording.
            guard let wording else { continue }
            let body = wording.body(escalation, cycle: cycle, followUps: followUps, team: team, today: today)
            for recipient in escalation.told {
                try tx.addNotification(
                    NewNotification(
                        escalation: escalation.number, recipient: recipient, cycle: cycle.id, level: escalation.level,
                        subject: wording.subject(escalation), body: body, viaHook: cycle.workflow.notify != nil),
                    at: now)
            }
        }
        return stored
    }

    /// `A-3` for each live action escalation, so the register read for a cycle includes those actions
    /// even when the cycle would not list them.
    private static func actionLabels(_ escalations: EscalationRegister) -> [String] {
        escalations.live.compactMap { escalation in
            if case .overdueAction(let n) = escalation.subject { return FollowUpKind.action.label(n) }
            return nil
        }
    }
}
