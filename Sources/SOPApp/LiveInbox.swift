import SOPCore
import SOPStore

extension Inbox {
    /// The acting participant's unacknowledged notifications about escalations that are still live:
    /// what to greet them with. Ones about a stage since done or an action since closed stay in
    /// `inbox`, but greeting someone with them would be stale news.
    public static func live(_ session: Session) throws -> (participant: String, items: [NotificationRecord])? {
        guard let actor = session.actorID else { return nil }
        let items = try session.database.read { tx in
            let live = try tx.liveEscalations()
            return try tx.inbox(of: actor).filter { live.isLive($0.escalation) }
        }
        return (actor, items)
    }
}
