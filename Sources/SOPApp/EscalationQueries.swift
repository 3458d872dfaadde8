import SOPCore
import SOPStore

/// Reading escalations and notifications.
public enum EscalationQueries {
    /// Live escalations across the record.
    public static func liveCount(_ session: Session) throws -> Int {
        try session.database.read { try $0.liveEscalations().live.count }
    }

    /// Escalations the session's cycle sees (live ones, or all with `all`), with who was told of each.
    public static func listed(_ session: Session, all: Bool) throws -> (cycle: CycleState, escalations: [Escalation], told: [Int: [NotificationRecord]]) {
        try session.database.read { tx in
            let state = try session.loadCycle(tx)
            let register = try tx.escalations(visibleIn: state.id)
            let seen = register.all.filter { $0.isSeen(by: state.id) }
            let listed = all ? seen : seen.filter(\.isLive)
            var told: [Int: [NotificationRecord]] = [:]
            for e in listed { told[e.number] = try tx.notifications(ofEscalation: e.number) }
            return (state, listed, told)
        }
    }

    /// Escalation E-`number` as the session's cycle sees it, nil when there is none.
    public static func escalation(_ session: Session, number: Int) throws -> Escalation? {
        try session.database.read { tx in try tx.escalations(visibleIn: try session.cycleID(tx)).byNumber[number] }
    }

    /// Live escalations the session's cycle sees.
    public static func liveSeen(_ session: Session) throws -> [Escalation] {
        try session.database.read { tx in
            let id = try session.cycleID(tx)
            return try tx.liveEscalations().live.filter { $0.isSeen(by: id) }
        }
    }

    /// A participant's unacknowledged notifications.
    public static func unacknowledged(_ session: Session, of participant: String) throws -> [NotificationRecord] {
        try session.database.read { try $0.inbox(of: participant) }
    }

    /// A participant's unacknowledged notifications about escalations that are still live: what to
    /// greet them with. Ones about a stage since done or an action since closed stay in `inbox`, but
    /// greeting someone with them would be stale news.
    public static func unacknowledgedLive(_ session: Session, of participant: String) throws -> [NotificationRecord] {
        try session.database.read { tx in
            let live = try tx.liveEscalations()
            return try tx.inbox(of: participant).filter { live.isLive($0.escalation) }
        }
    }
}
