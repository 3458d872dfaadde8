import Foundation
import SOPApp
import SOPCore
import SOPStore

/// The human (and JSON) forms of `escalate`, `escalations` and `inbox`, and the one-line announcements.
public enum EscalationText {
    public struct EscalationJSON: Encodable, Sendable {
        var id: String
        var cycle: String
        var kind: String
        var subject: String
        var level: Int
        var workdays: Int
        var message: String
        var roles: [String]
        var told: [String]
        var unheld: [String]
        var raisedAt: String
        var ageWorkdays: Int?
        var resolvedAt: String?
        var resolvedBecause: String?
        var notifications: [NotificationJSON]?

        init(_ e: Escalation, today: Day? = nil, calendar: WorkCalendar? = nil, notifications: [NotificationRecord]? = nil) {
            id = e.label
            cycle = e.cycle
            kind = e.subject.kind
            subject = e.subject.name
            level = e.level
            workdays = e.workdays
            message = EscalationWords.message(e)
            roles = e.roles
            told = e.told
            unheld = e.unheld
            raisedAt = Stamp.minute(e.raisedAt)
            if let today, let calendar { ageWorkdays = EscalationText.age(e, today: today, calendar: calendar) }
            resolvedAt = e.resolvedAt.map(Stamp.minute)
            resolvedBecause = EscalationWords.resolution(e)
            self.notifications = notifications?.map(NotificationJSON.init)
        }
    }

    public struct NotificationJSON: Encodable, Sendable {
        var number: Int
        var escalation: String
        var recipient: String
        var cycle: String
        var level: Int
        var subject: String
        var createdAt: String
        var acknowledgedAt: String?
        var delivery: String
        var attempts: Int
        var lastError: String?

        init(_ n: NotificationRecord) {
            number = n.number
            escalation = "E-\(n.escalation)"
            recipient = n.recipient
            cycle = n.cycle
            level = n.level
            subject = n.subject
            createdAt = Stamp.minute(n.createdAt)
            acknowledgedAt = n.ackedAt.map(Stamp.minute)
            delivery = n.delivery == .pending && n.lastError != nil ? "failed" : n.delivery.rawValue
            attempts = n.attempts
            lastError = n.lastError
        }
    }

    /// Workdays from the day it was raised to today (or to the day it was resolved).
    static func age(_ e: Escalation, today: Day, calendar: WorkCalendar) -> Int {
        let end = e.resolvedAt.map(calendar.day(containing:)) ?? today
        return calendar.workdaysBetween(calendar.day(containing: e.raisedAt), end)
    }

    // MARK: escalate

    public static func escalateReply(_ run: EscalationRun, deliveries: [DeliveryAttempt], live: Int, now: Date) -> Reply {
        struct EscalateJSON: Encodable, Sendable {
            var at: String
            var raised: [EscalationJSON]
            var resolved: [EscalationJSON]
            var live: Int
            var deliveries: [DeliveryAttempt]
        }
        var lines: [String] = []
        for e in run.raised {
            lines.append("Raised \(e.label) (\(e.cycle)): \(EscalationWords.message(e)); told \(toldText(e)).")
        }
        for e in run.resolved {
            lines.append("Resolved \(e.label) (\(e.cycle)): \(EscalationWords.resolution(e) ?? "its condition ended").")
        }
        if run.raised.isEmpty && run.resolved.isEmpty {
            lines.append("Nothing new to escalate at \(Stamp.minute(now)); \(live.counted("live escalation")) (`escalations` lists them).")
        }
        let failed = deliveries.filter { $0.failure != nil }
        if !deliveries.isEmpty {
            lines.append("Notify command: \(deliveries.count - failed.count) delivered, \(failed.count) failed.")
            for attempt in failed {
                lines.append("  #\(attempt.notification) to \(attempt.recipient) failed: \(attempt.failure ?? "") (retried on the next `escalate`)")
            }
        }
        let json = EscalateJSON(
            at: Stamp.minute(now), raised: run.raised.map { EscalationJSON($0) }, resolved: run.resolved.map { EscalationJSON($0) },
            live: live, deliveries: deliveries)
        return Reply(lines.joined(separator: "\n"), json: json)
    }

    static func toldText(_ e: Escalation) -> String {
        var text = e.told.isEmpty ? "nobody" : e.told.joined(separator: ", ")
        if !e.unheld.isEmpty { text += " (nobody holds \(e.unheld.joined(separator: ", ")))" }
        return text
    }

    /// "2 new: demand-review is 3 workdays late, level 2; A-3 is 1 workday overdue, level 1" — what the
    /// REPL prints when the ladders raised something; nil when nothing was raised.
    public static func announcement(_ run: EscalationRun, actor: String?) -> String? {
        guard !run.raised.isEmpty else { return nil }
        let mine = run.raised.filter { e in actor.map(e.told.contains) ?? false }.count
        var text = "\(run.raised.count) new: " + run.raised.map(EscalationWords.message).joined(separator: "; ")
        text += mine > 0 ? " (\(mine) in your inbox; `escalations` lists them)" : " (`escalations` lists them)"
        return text
    }

    /// What the REPL says at start when the actor has unacknowledged notifications.
    public static func inboxGreeting(_ items: [NotificationRecord], actor: String) -> String? {
        guard !items.isEmpty else { return nil }
        var lines = ["\(actor), you have \(items.count.counted("unacknowledged notification")) (`inbox`, `ack N`):"]
        for n in items.prefix(3) { lines.append("  #\(n.number) \(n.subject)") }
        if items.count > 3 { lines.append("  ... and \(items.count - 3) more") }
        return lines.joined(separator: "\n")
    }

    // MARK: escalations

    public static func list(_ items: [Escalation], cycle: CycleState, all: Bool, today: Day, notifications: [Int: [NotificationRecord]], width: Int = 80) -> Reply {
        let calendar = cycle.workflow.calendar
        let json = items.map { EscalationJSON($0, today: today, calendar: calendar, notifications: notifications[$0.number] ?? []) }
        guard !items.isEmpty else {
            return Reply(all ? "No escalations in cycle \(cycle.id)." : "No live escalations in cycle \(cycle.id).", json: json)
        }
        // WHAT is the escalation's own sentence (true lateness, or days in review); AGE is how long
        // it has been raised, in workdays.
        var table = TextTable(["ID", "LVL", "AGE", "TOLD", all ? "STATE" : "RAISED", "WHAT"], width: width)
        for e in items {
            let age = "\(age(e, today: today, calendar: calendar)) wd"
            let state = e.isLive ? "live" : "resolved \(e.resolvedAt.map { calendar.day(containing: $0).description } ?? "")"
            let what = EscalationWords.message(e).replacingOccurrences(of: ", level \(e.level)", with: "")
                + (e.isLive ? "" : " (\(EscalationWords.resolution(e) ?? "resolved"))")
            table.add([e.label, "\(e.level)", age, toldText(e), all ? state : Stamp.minute(e.raisedAt), what])
        }
        let live = items.filter(\.isLive).count
        let head = all
            ? "Escalations of cycle \(cycle.id): \(items.count) (\(live) live) · wd = workdays"
            : "Live escalations, cycle \(cycle.id): \(live) · wd = workdays"
        return Reply(head + "\n" + table.rendered, json: json)
    }

    // MARK: inbox

    public static func inbox(_ items: [NotificationRecord], of actor: String, all: Bool, width: Int? = nil) -> Reply {
        let json = items.map(NotificationJSON.init)
        guard !items.isEmpty else {
            return Reply(all ? "\(actor) has no notifications." : "\(actor)'s inbox is empty: nothing to acknowledge.", json: json)
        }
        var table = TextTable(["#", "WHEN (UTC)", "LVL", "DELIVERY", "SUBJECT"], width: width)
        for n in items {
            var delivery: String
            switch n.delivery {
            case .inboxOnly: delivery = "inbox"
            case .delivered: delivery = "sent"
            case .pending: delivery = n.lastError == nil ? "queued" : "failed x\(n.attempts)"
            }
            if n.ackedAt != nil { delivery += ", ack" }
            table.add(["\(n.number)", Stamp.minute(n.createdAt), "\(n.level)", delivery, n.subject])
        }
        let open = items.filter { $0.ackedAt == nil }.count
        let head = "\(actor)'s inbox: \(open) unacknowledged" + (all ? ", \(items.count - open) acknowledged" : "") + " (`ack N` clears one)"
        return Reply(head + "\n" + table.rendered, json: json)
    }
}
