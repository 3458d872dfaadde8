import Foundation

// One record type per table, read and written by column name instead of by position. Every value is
// the stored value itself: times stay the ISO 8601 text `Timestamps` writes and JSON stays the text it
// was encoded to, because the audit chain hashes stored text and must keep finding it byte for byte.
// Migrations (Schema.swift) keep their own SQL: these types describe the latest schema, and an old
// migration must keep running on an old one. (v4 seals the genesis through AuditChain, which reads
// `meta` and `participants`, both as v1 made them.)

/// A table row the store writes whole: its table, its columns in order, and its values in that order.
protocol StoredRecord {
    static var table: String { get }
    static var columns: [String] { get }
    var values: [any StoreArgument] { get }
    init(row: StoreRow) throws
}

extension StoredRecord {
    /// `INSERT INTO table(columns) VALUES (?...)`, then `conflict` (`ON CONFLICT DO NOTHING`, ...).
    func insert(_ sql: any StoreExecutor, _ conflict: String = "") throws {
        try sql.execute(
            "INSERT INTO \(Self.table)(\(Self.columns.joined(separator: ", "))) VALUES (\(placeholders(Self.columns.count))) \(conflict)", values)
    }

    /// The values as the store binds them, by column: what the audit compares stored rows with.
    var storedValues: [String: StoreValue] {
        Dictionary(uniqueKeysWithValues: zip(Self.columns, values.map(\.storeValue)))
    }

    static var selectAll: String { "SELECT \(columns.joined(separator: ", ")) FROM \(table)" }

    static func fetchAll(_ sql: any StoreExecutor, _ tail: String = "", _ arguments: [any StoreArgument] = []) throws -> [Self] {
        try sql.rows(selectAll + (tail.isEmpty ? "" : " " + tail), arguments).map(Self.init(row:))
    }

    static func fetchOne(_ sql: any StoreExecutor, _ tail: String, _ arguments: [any StoreArgument]) throws -> Self? {
        try fetchAll(sql, tail + " LIMIT 1", arguments).first
    }
}

/// A column that did not read as the kind the schema says: an edited or damaged record.
func unreadable(_ table: String, _ row: StoreRow) -> StoreError {
    StoreError("a row of \(table) does not read (\(row.description)); run `sop audit verify`")
}

/// A row of `meta`: one database setting (`default_workflow`, `identity`, `audit_genesis`...).
struct MetaSetting: StoredRecord, Equatable {
    static let table = "meta"
    static let columns = ["key", "value"]
    var key: String
    var value: String

    var values: [any StoreArgument] { [key, value] }
}

extension MetaSetting {
    init(row: StoreRow) throws {
        guard let key = row.text("key"), let value = row.text("value") else {
            throw unreadable(Self.table, row)
        }
        self.init(key: key, value: value)
    }
}

/// A row of `participants`, in team order.
struct StoredParticipant: StoredRecord, Equatable {
    static let table = "participants"
    static let columns = ["position", "id", "name", "roles", "login", "email"]
    var position: Int
    var id: String
    var name: String
    /// JSON array of role ids.
    var roles: String
    var login: String?
    var email: String?

    var values: [any StoreArgument] { [position, id, name, roles, login, email] }
}

extension StoredParticipant {
    init(row: StoreRow) throws {
        guard let position = row.int("position"), let id = row.text("id"), let name = row.text("name"), let roles = row.text("roles") else {
            throw unreadable(Self.table, row)
        }
        self.init(position: position, id: id, name: name, roles: roles, login: row.text("login"), email: row.text("email"))
    }
}

/// A row of `workflow_versions`: a workflow file's text as it was, and the model it was read into.
struct StoredWorkflowVersion: StoredRecord, Equatable {
    static let table = "workflow_versions"
    static let columns = ["hash", "workflow", "title", "source_name", "source", "model", "stored_at"]
    var hash: String
    var workflow: String
    var title: String
    var sourceName: String
    var source: String
    /// The parsed workflow as JSON.
    var model: String
    var storedAt: String

    var values: [any StoreArgument] { [hash, workflow, title, sourceName, source, model, storedAt] }
}

extension StoredWorkflowVersion {
    init(row: StoreRow) throws {
        guard let hash = row.text("hash"),
            let workflow = row.text("workflow"),
            let title = row.text("title"),
            let sourceName = row.text("source_name"),
            let source = row.text("source"),
            let model = row.text("model"),
            let storedAt = row.text("stored_at")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(hash: hash, workflow: workflow, title: title, sourceName: sourceName, source: source, model: model, storedAt: storedAt)
    }
}

/// A row of `events`: one link of the audit chain, its content exactly as `AuditChain.link` hashed it.
struct StoredEvent: StoredRecord, Equatable {
    static let table = "events"
    static let columns = ["seq", "cycle", "time", "actor", "type", "payload", "prev_hash", "hash"]
    var seq: Int64
    var cycle: String
    var time: String
    var actor: String
    var type: String
    var payload: String
    var prevHash: String
    var hash: String

    var values: [any StoreArgument] { [seq, cycle, time, actor, type, payload, prevHash, hash] }
}

extension StoredEvent {
    init(row: StoreRow) throws {
        guard let seq = row.integer("seq"),
            let cycle = row.text("cycle"),
            let time = row.text("time"),
            let actor = row.text("actor"),
            let type = row.text("type"),
            let payload = row.text("payload"),
            let prevHash = row.text("prev_hash"),
            let hash = row.text("hash")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(seq: seq, cycle: cycle, time: time, actor: actor, type: type, payload: payload, prevHash: prevHash, hash: hash)
    }
}

/// A row of `cycles`: the key of a cycle's events and the workflow version it pinned.
struct StoredCycle: StoredRecord, Equatable {
    static let table = "cycles"
    static let columns = ["id", "workflow_hash", "opened_seq"]
    var id: String
    var workflowHash: String
    var openedSeq: Int64

    var values: [any StoreArgument] { [id, workflowHash, openedSeq] }
}

extension StoredCycle {
    init(row: StoreRow) throws {
        guard let id = row.text("id"), let workflowHash = row.text("workflow_hash"), let openedSeq = row.integer("opened_seq") else {
            throw unreadable(Self.table, row)
        }
        self.init(id: id, workflowHash: workflowHash, openedSeq: openedSeq)
    }
}

/// A row of `artifacts`: a submitted file's bytes under their SHA-256.
struct StoredArtifact: StoredRecord, Equatable {
    static let table = "artifacts"
    static let columns = ["sha256", "size", "content", "stored_at"]
    var sha256: String
    var size: Int
    var content: Data
    var storedAt: String

    var values: [any StoreArgument] { [sha256, size, content, storedAt] }
}

extension StoredArtifact {
    init(row: StoreRow) throws {
        guard let sha256 = row.text("sha256"),
            let size = row.int("size"),
            let content = row.blob("content"),
            let storedAt = row.text("stored_at")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(sha256: sha256, size: size, content: content, storedAt: storedAt)
    }
}

/// A row of `follow_ups`. `revision` is left out on purpose: the table's triggers own it.
struct StoredFollowUp: StoredRecord, Equatable {
    static let table = "follow_ups"
    static let columns = ["label", "kind", "number", "cycle", "live", "closed_in", "record"]
    var label: String
    var kind: String
    var number: Int
    var cycle: String
    var live: Bool
    var closedIn: String?
    /// The item as JSON (`RecordCoding`).
    var record: String

    var values: [any StoreArgument] { [label, kind, number, cycle, live, closedIn, record] }
}

extension StoredFollowUp {
    init(row: StoreRow) throws {
        guard let label = row.text("label"),
            let kind = row.text("kind"),
            let number = row.int("number"),
            let cycle = row.text("cycle"),
            let live = row.bool("live"),
            let record = row.text("record")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(label: label, kind: kind, number: number, cycle: cycle, live: live, closedIn: row.text("closed_in"), record: record)
    }
}

/// A row of `escalations`.
struct StoredEscalation: StoredRecord, Equatable {
    static let table = "escalations"
    static let columns = ["number", "cycle", "scope", "subject", "level", "live", "record"]
    var number: Int
    var cycle: String
    var scope: String
    var subject: String
    var level: Int
    var live: Bool
    /// The escalation as JSON (`RecordCoding`).
    var record: String

    var values: [any StoreArgument] { [number, cycle, scope, subject, level, live, record] }
}

extension StoredEscalation {
    init(row: StoreRow) throws {
        guard let number = row.int("number"),
            let cycle = row.text("cycle"),
            let scope = row.text("scope"),
            let subject = row.text("subject"),
            let level = row.int("level"),
            let live = row.bool("live"),
            let record = row.text("record")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(number: number, cycle: cycle, scope: scope, subject: subject, level: level, live: live, record: record)
    }
}

/// A row of `notifications`: one recipient's notice of an escalation, and its delivery by the hook.
struct StoredNotification: StoredRecord, Equatable {
    static let table = "notifications"
    static let columns = [
        "number", "escalation", "recipient", "cycle", "level", "subject", "body", "created_at", "acked_at", "delivery", "attempts",
        "last_error", "delivered_at", "claimed_until",
    ]
    /// Nil until inserted: the database numbers it.
    var number: Int?
    var escalation: Int
    var recipient: String
    var cycle: String
    var level: Int
    var subject: String
    var body: String
    var createdAt: String
    var ackedAt: String?
    var delivery: String
    var attempts: Int
    var lastError: String?
    var deliveredAt: String?
    var claimedUntil: String?

    var values: [any StoreArgument] {
        [number, escalation, recipient, cycle, level, subject, body, createdAt, ackedAt, delivery, attempts, lastError, deliveredAt, claimedUntil]
    }
}

extension StoredNotification {
    init(row: StoreRow) throws {
        guard let escalation = row.int("escalation"),
            let recipient = row.text("recipient"),
            let cycle = row.text("cycle"),
            let level = row.int("level"),
            let subject = row.text("subject"),
            let body = row.text("body"),
            let createdAt = row.text("created_at"),
            let delivery = row.text("delivery"),
            let attempts = row.int("attempts")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(
            number: row.int("number"), escalation: escalation, recipient: recipient, cycle: cycle, level: level,
            subject: subject, body: body, createdAt: createdAt, ackedAt: row.text("acked_at"), delivery: delivery,
            attempts: attempts, lastError: row.text("last_error"), deliveredAt: row.text("delivered_at"),
            claimedUntil: row.text("claimed_until"))
    }
}

/// A row of `access_log`: one refused attempt, a link of the access log's own chain.
struct StoredRefusedAttempt: StoredRecord, Equatable {
    static let table = "access_log"
    static let columns = ["number", "time", "account", "actor", "command", "rule", "message", "prev_hash", "hash"]
    var number: Int64
    var time: String
    var account: String
    var actor: String?
    var command: String
    var rule: String
    var message: String
    var prevHash: String
    var hash: String

    var values: [any StoreArgument] { [number, time, account, actor, command, rule, message, prevHash, hash] }
}

extension StoredRefusedAttempt {
    init(row: StoreRow) throws {
        guard let number = row.integer("number"),
            let time = row.text("time"),
            let account = row.text("account"),
            let command = row.text("command"),
            let rule = row.text("rule"),
            let message = row.text("message"),
            let prevHash = row.text("prev_hash"),
            let hash = row.text("hash")
        else {
            throw unreadable(Self.table, row)
        }
        self.init(
            number: number, time: time, account: account, actor: row.text("actor"), command: command, rule: rule,
            message: message, prevHash: prevHash, hash: hash)
    }
}
