import SOPApp
import SOPText

/// What the REPL tells a participant when they start acting (at start-up, and after `as`): their
/// unacknowledged notifications about live escalations.
enum InboxGreeting {
    static func text(_ session: Session) -> String? {
        guard let actor = session.actorID, let items = try? EscalationQueries.unacknowledgedLive(session, of: actor) else { return nil }
        return EscalationText.inboxGreeting(items, actor: actor)
    }
}
