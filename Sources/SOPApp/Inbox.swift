import Foundation
import SOPCore
import SOPStore

/// The acting participant's notifications: reading the inbox and acknowledging.
public enum Inbox {
    public static func items(_ session: Session, all: Bool) throws -> (participant: String, items: [NotificationRecord]) {
        let me = try session.actor(try session.team())
        return (me.id, try session.database.read { try $0.inbox(of: me.id, includingAcknowledged: all) })
    }

    /// Acknowledges `numbers` (or every unacknowledged one with `all`) in one transaction; any number
    /// that may not be acknowledged refuses the whole line. Returns the numbers acknowledged.
    public static func acknowledge(_ session: Session, numbers: [Int], all: Bool) throws -> [Int] {
        let me = try session.actor(try session.team())
        let now = session.now
        return try session.database.write { tx in
            let chosen = all ? try tx.inbox(of: me.id).map(\.number).sorted() : numbers
            for n in numbers {
                let seen = try tx.notification(n).map { NotificationRules.Seen(recipient: $0.recipient, acknowledged: $0.ackedAt != nil) }
                try NotificationRules.checkAcknowledge(n, seen, by: me.id)
            }
            try tx.acknowledge(chosen, at: now)
            return chosen
        }
    }
}
