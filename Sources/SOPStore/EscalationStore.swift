import Foundation
import GRDB
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
        EscalationRegister(try escalations(Row.fetchAll(db.cachedStatement(sql: "SELECT record FROM escalations WHERE live = 1"))))
    }

    /// Escalations raised in cycle `id`, plus the live ones (an overdue action's may come from an earlier cycle).
    public func escalations(visibleIn id: String) throws -> EscalationRegister {
        EscalationRegister(try escalations(Row.fetchAll(
            db, sql: "SELECT record FROM escalations WHERE cycle = ? UNION SELECT record FROM escalations WHERE live = 1",
            arguments: [id])))
    }

    public func nextEscalationNumber() throws -> Int {
        (try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(number) FROM escalations")) ?? 0) + 1
    }

    /// Saves an escalation's current record.
    public func save(_ escalation: Escalation) throws {
        try db.execute(
            sql: """
                INSERT INTO escalations(number, cycle, scope, subject, level, live, record) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(number) DO UPDATE SET live = excluded.live, record = excluded.record
                """,
            arguments: StatementArguments(try Self.escalationRow(escalation)))
    }

    /// The `escalations` row of an escalation (number, cycle, scope, subject, level, live, record):
    /// what `save` writes and what the audit expects to find.
    static func escalationRow(_ escalation: Escalation) throws -> [DatabaseValue] {
        let scope = escalation.subject.stage == nil ? "*" : escalation.cycle
        let subject = escalation.subject.kind + ":" + (escalation.subject.stage ?? escalation.subject.name)
        return [
            escalation.number.databaseValue, escalation.cycle.databaseValue, scope.databaseValue, subject.databaseValue,
            escalation.level.databaseValue, escalation.isLive.databaseValue,
            String(decoding: try RecordCoding.encoder.encode(escalation), as: UTF8.self).databaseValue,
        ]
    }

    private func escalations(_ rows: [Row]) throws -> [Escalation] {
        let decoder = RecordCoding.decoder
        return try rows.map { row in
            do { return try decoder.decode(Escalation.self, from: Data((row["record"] as String).utf8)) } catch {
                throw StoreError("an escalation record is unreadable: \(error)")
            }
        }
    }

    // MARK: notifications

    public func addNotification(_ n: NewNotification, at time: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO notifications(escalation, recipient, cycle, level, subject, body, created_at, delivery)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                n.escalation, n.recipient, n.cycle, n.level, n.subject, n.body, Timestamps.format(time),
                (n.viaHook ? NotificationRecord.Delivery.pending : .inboxOnly).rawValue,
            ])
    }

    /// A participant's notifications, newest first; acknowledged ones only when asked.
    public func inbox(of recipient: String, includingAcknowledged: Bool = false) throws -> [NotificationRecord] {
        let filter = includingAcknowledged ? "" : " AND acked_at IS NULL"
        return try Row.fetchAll(
            db, sql: "SELECT * FROM notifications WHERE recipient = ?\(filter) ORDER BY number DESC", arguments: [recipient]
        ).map(Self.notification)
    }

    public func notification(_ number: Int) throws -> NotificationRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM notifications WHERE number = ?", arguments: [number]).map(Self.notification)
    }

    /// The notifications one escalation sent.
    public func notifications(ofEscalation number: Int) throws -> [NotificationRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM notifications WHERE escalation = ? ORDER BY number", arguments: [number])
            .map(Self.notification)
    }

    public func acknowledge(_ numbers: [Int], at time: Date) throws {
        for number in numbers {
            try db.execute(
                sql: "UPDATE notifications SET acked_at = ? WHERE number = ? AND acked_at IS NULL",
                arguments: [Timestamps.format(time), number])
        }
    }

    /// Takes the next pending delivery after notification `after` that no other process is running,
    /// marking it claimed until `leaseEnd` (real time), so two processes never run the hook for the same
    /// notification at once. A claim that outlived its lease (a process killed mid-run) is taken over.
    public func claimPendingDelivery(after: Int, now: Date, leaseEnd: Date) throws -> NotificationRecord? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM notifications
                    WHERE delivery = 'pending' AND number > ? AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY number LIMIT 1
                    """,
                arguments: [after, Timestamps.format(now)])
        else { return nil }
        let record = try Self.notification(row)
        try db.execute(
            sql: "UPDATE notifications SET claimed_until = ?, attempts = attempts + 1 WHERE number = ?",
            arguments: [Timestamps.format(leaseEnd), record.number])
        return record
    }

    /// The workflow version cycle `id` pinned (its notify hook, its calendar), without folding the cycle.
    public func pinnedWorkflow(of id: String) throws -> Workflow? {
        guard let hash = try String.fetchOne(db.cachedStatement(sql: "SELECT workflow_hash FROM cycles WHERE id = ?"), arguments: [id]) else { return nil }
        return try workflowModel(hash)
    }

    /// Records the hook's outcome and releases the claim; a failure stays pending for the next `escalate`.
    public func recordDelivery(_ number: Int, at time: Date, failure: String?) throws {
        if let failure {
            try db.execute(
                sql: "UPDATE notifications SET last_error = ?, claimed_until = NULL WHERE number = ?",
                arguments: [failure, number])
        } else {
            try db.execute(
                sql: "UPDATE notifications SET delivery = 'delivered', delivered_at = ?, last_error = NULL, claimed_until = NULL WHERE number = ?",
                arguments: [Timestamps.format(time), number])
        }
    }

    static func notification(_ row: Row) throws -> NotificationRecord {
        let number: Int = row["number"]
        let deliveryText: String = row["delivery"]
        guard let delivery = NotificationRecord.Delivery(rawValue: deliveryText), let created = Timestamps.parse(row["created_at"])
        else { throw StoreError("notification \(number) is unreadable") }
        return NotificationRecord(
            number: number, escalation: row["escalation"], recipient: row["recipient"], cycle: row["cycle"], level: row["level"],
            subject: row["subject"], body: row["body"], createdAt: created,
            ackedAt: (row["acked_at"] as String?).flatMap(Timestamps.parse), delivery: delivery, attempts: row["attempts"],
            lastError: row["last_error"], deliveredAt: (row["delivered_at"] as String?).flatMap(Timestamps.parse))
    }
}
