import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

extension Handlers {
    /// `escalate`: the ladders at the current clock, then the notify hook for everything pending.
    static func escalate(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let run = try Escalator.evaluate(session, wording: NotificationText.self)
        let clock = session.clockSource
        let deliveries = try NotificationDelivery.deliverPending(session.database, clock: clock)
        let live = try EscalationQueries.liveCount(session)
        return EscalationText.escalateReply(run, deliveries: deliveries, live: live, now: session.now)
    }

    static func escalations(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let all = command.flag("--all")
        let today = session.today
        let (cycle, listed, told) = try EscalationQueries.listed(session, all: all)
        return EscalationText.list(listed, cycle: cycle, all: all, today: today, notifications: told, width: session.width)
    }

    static func inbox(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let all = command.flag("--all")
        let (me, items) = try Inbox.items(session, all: all)
        return EscalationText.inbox(items, of: me, all: all, width: session.tableWidth)
    }

    /// `ack N...` / `ack --all`: only one's own notifications; any bad number refuses the whole line.
    static func ack(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        var numbers: [Int] = []
        for word in command.arguments {
            guard let n = Int(word), n > 0 else {
                throw ShellError.usage("'\(word)' is not a notification number", fix: "`inbox` lists them; e.g. ack 3")
            }
            if !numbers.contains(n) { numbers.append(n) }
        }
        let acknowledged = try Inbox.acknowledge(session, numbers: numbers, all: command.flag("--all"))
        return AckText.reply(acknowledged)
    }
}
