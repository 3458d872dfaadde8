import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// The REPL's escalation clock: the ladders run before every command, so a session left open sees
/// stages fall late as the day goes on, and the notify hook runs on a background queue so no command
/// waits for mail to go out.
public final class EscalationWatch: Sendable {
    private let deliveries = DispatchQueue(label: "sop.notify-hook")

    public init() {}

    /// Runs the ladders at the session's clock and hands pending notifications to the hook in the
    /// background. Returns the announcement to print after the command, if anything new was raised.
    /// A failure here never stops the command: the command reports its own problems.
    public func check(_ session: Session) -> String? {
        guard let run = try? Escalator.evaluate(session, wording: NotificationText.self) else { return nil }
        let database = session.database
        let clock = session.clockSource
        deliveries.async { _ = try? NotificationDelivery.deliverPending(database, clock: clock) }
        return EscalationText.announcement(run, actor: session.actorID)
    }

    /// The acting participant's unacknowledged notifications about live escalations, for the greeting.
    public func greeting(_ session: Session) -> String? { InboxGreeting.text(session) }

    /// Waits for deliveries under way (each bounded by the hook's timeout) before the process exits, so
    /// a hook is not cut off midway and sent again by the next run.
    public func finish() { deliveries.sync {} }
}
