import Foundation
import SOPCore

/// One row of the inbox / outbox.
public struct NotificationRecord: Sendable, Equatable {
    public enum Delivery: String, Sendable, Equatable {
        /// The workflow has no notify hook: the inbox is the only channel.
        case inboxOnly = "inbox-only"
        /// The hook has yet to run successfully (`attempts` and `lastError` say whether it tried).
        case pending
        case delivered
    }

    public var number: Int
    public var escalation: Int
    public var recipient: String
    public var cycle: String
    public var level: Int
    public var subject: String
    public var body: String
    public var createdAt: Date
    public var ackedAt: Date?
    public var delivery: Delivery
    public var attempts: Int
    public var lastError: String?
    public var deliveredAt: Date?
}

/// A notification to write beside the escalation that caused it.
public struct NewNotification: Sendable, Equatable {
    public var escalation: Int
    public var recipient: String
    public var cycle: String
    public var level: Int
    public var subject: String
    public var body: String
    public var viaHook: Bool
    public init(escalation: Int, recipient: String, cycle: String, level: Int, subject: String, body: String, viaHook: Bool) {
        self.escalation = escalation
        self.recipient = recipient
        self.cycle = cycle
        self.level = level
        self.subject = subject
        self.body = body
        self.viaHook = viaHook
    }
}

extension StoreTransaction {
    // MARK: escalations

    /// Every live escalation in the database: few, through the partial index.
    public func liveEscalations() throws -> EscalationRegister {
        EscalationRegister(try StoredEscalation.fetchAll(sql, "WHERE live = 1").map { try $0.escalation() })
    }

    /// Escalations raised in cycle `id`, plus the live ones (an overdue action's may come from an earlier cycle).
    public func escalations(visibleIn id: String) throws -> EscalationRegister {
        let all = StoredEscalation.selectAll
        return EscalationRegister(try sql.rows("\(all) WHERE cycle = ? UNION \(all) WHERE live = 1", [id]).map { try StoredEscalation(row: $0).escalation() })
    }

    public func nextEscalationNumber() throws -> Int {
        Int(try sql.integer("SELECT MAX(number) FROM escalations") ?? 0) + 1
    }

    /// Saves an escalation's current record. A row that exists keeps what names the rung (cycle, scope,
    /// subject, level); whether it is live and its record are replaced.
    public func save(_ escalation: Escalation) throws {
        try StoredEscalation(escalation).insert(sql, "ON CONFLICT(number) DO UPDATE SET live = excluded.live, record = excluded.record")
    }

    // MARK: notifications

    public func addNotification(_ n: NewNotification, at time: Date) throws {
        try StoredNotification(
            number: nil, escalation: n.escalation, recipient: n.recipient, cycle: n.cycle, level: n.level, subject: n.subject, body: n.body,
            createdAt: Timestamps.format(time), ackedAt: nil, delivery: (n.viaHook ? NotificationRecord.Delivery.pending : .inboxOnly).rawValue,
            attempts: 0, lastError: nil, deliveredAt: nil, claimedUntil: nil
        ).insert(sql)
    }

    /// A participant's notifications, newest first; acknowledged ones only when asked.
    public func inbox(of recipient: String, includingAcknowledged: Bool = false) throws -> [NotificationRecord] {
        let filter = includingAcknowledged ? "" : " AND acked_at IS NULL"
        return try StoredNotification.fetchAll(sql, "WHERE recipient = ?\(filter) ORDER BY number DESC", [recipient]).map { try $0.notificationRecord() }
    }

    public func notification(_ number: Int) throws -> NotificationRecord? {
        try StoredNotification.fetchOne(sql, "WHERE number = ?", [number])?.notificationRecord()
    }

    /// The notifications one escalation sent.
    public func notifications(ofEscalation number: Int) throws -> [NotificationRecord] {
        try StoredNotification.fetchAll(sql, "WHERE escalation = ? ORDER BY number", [number]).map { try $0.notificationRecord() }
    }

    public func acknowledge(_ numbers: [Int], at time: Date) throws {
        for number in numbers {
            try sql.execute("UPDATE notifications SET acked_at = ? WHERE number = ? AND acked_at IS NULL", [Timestamps.format(time), number])
        }
    }

    /// Takes the next pending delivery after notification `after` that no other process is running,
    /// marking it claimed until `leaseEnd` (real time), so two processes never run the hook for the same
    /// notification at once. A claim that outlived its lease (a process killed mid-run) is taken over.
    public func claimPendingDelivery(after: Int, now: Date, leaseEnd: Date) throws -> NotificationRecord? {
        // SQL rather than the query interface: the literal 'pending' lets SQLite use the partial outbox index.
        guard
            let row = try StoredNotification.fetchOne(
                sql, "WHERE delivery = 'pending' AND number > ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY number",
                [after, Timestamps.format(now)])
        else { return nil }
        let record = try row.notificationRecord()
        try sql.execute(
            "UPDATE notifications SET claimed_until = ?, attempts = attempts + 1 WHERE number = ?", [Timestamps.format(leaseEnd), record.number])
        return record
    }

    /// The workflow version cycle `id` pinned (its notify hook, its calendar), without folding the cycle.
    public func pinnedWorkflow(of id: String) throws -> Workflow? {
        guard let hash = try sql.text("SELECT workflow_hash FROM cycles WHERE id = ?", [id]) else { return nil }
        return try workflowModel(hash)
    }

    /// Records the hook's outcome and releases the claim; a failure stays pending for the next `escalate`.
    public func recordDelivery(_ number: Int, at time: Date, failure: String?) throws {
        if let failure {
            try sql.execute("UPDATE notifications SET last_error = ?, claimed_until = NULL WHERE number = ?", [failure, number])
        } else {
            try sql.execute(
                "UPDATE notifications SET delivery = ?, delivered_at = ?, last_error = NULL, claimed_until = NULL WHERE number = ?",
                [NotificationRecord.Delivery.delivered.rawValue, Timestamps.format(time), number])
        }
    }
}

extension StoredEscalation {
    /// The `escalations` row of an escalation: what `save` writes and what the audit expects to find.
    init(_ escalation: Escalation) throws {
        self.init(
            number: escalation.number, cycle: escalation.cycle, scope: escalation.subject.stage == nil ? "*" : escalation.cycle,
            subject: escalation.subject.kind + ":" + (escalation.subject.stage ?? escalation.subject.name), level: escalation.level,
            live: escalation.isLive, record: String(decoding: try RecordCoding.encoder.encode(escalation), as: UTF8.self))
    }

    func escalation() throws -> Escalation {
        do { return try RecordCoding.decoder.decode(Escalation.self, from: Data(record.utf8)) } catch {
            throw StoreError("an escalation record is unreadable: \(error)")
        }
    }
}

extension StoredNotification {
    func notificationRecord() throws -> NotificationRecord {
        guard let number, let kind = NotificationRecord.Delivery(rawValue: delivery), let created = Timestamps.parse(createdAt)
        else { throw StoreError("notification \(number.map(String.init) ?? "?") is unreadable") }
        return NotificationRecord(
            number: number, escalation: escalation, recipient: recipient, cycle: cycle, level: level, subject: subject, body: body,
            createdAt: created, ackedAt: ackedAt.flatMap(Timestamps.parse), delivery: kind, attempts: attempts, lastError: lastError,
            deliveredAt: deliveredAt.flatMap(Timestamps.parse))
    }
}
