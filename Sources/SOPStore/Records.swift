import Foundation
import GRDB

// One record type per table, read and written by column name (CodingKeys) instead of by position.
// Every value is the stored value itself: times stay the ISO 8601 text `Timestamps` writes (GRDB would
// store a `Date` in a format of its own) and JSON stays the text it was encoded to, because the audit
// chain hashes stored text and must keep finding it byte for byte. Migrations (Schema.swift) keep their
// own SQL: these types describe the latest schema, and an old migration must keep running on an old
// one. (v4 seals the genesis through AuditChain, which reads `meta` and `participants`, both as v1 made them.)

/// A row of `meta`: one database setting (`default_workflow`, `identity`, `audit_genesis`...).
struct MetaSetting: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "meta"
    var key: String
    var value: String
}

/// A row of `participants`, in team order.
struct StoredParticipant: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "participants"
    var position: Int
    var id: String
    var name: String
    /// JSON array of role ids.
    var roles: String
    var login: String?
    var email: String?
}

/// A row of `workflow_versions`: a workflow file's text as it was, and the model it was read into.
struct StoredWorkflowVersion: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "workflow_versions"
    var hash: String
    var workflow: String
    var title: String
    var sourceName: String
    var source: String
    /// The parsed workflow as JSON.
    var model: String
    var storedAt: String

    enum CodingKeys: String, CodingKey {
        case hash, workflow, title, sourceName = "source_name", source, model, storedAt = "stored_at"
    }
}

/// A row of `events`: one link of the audit chain, its content exactly as `AuditChain.link` hashed it.
struct StoredEvent: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "events"
    var seq: Int64
    var cycle: String
    var time: String
    var actor: String
    var type: String
    var payload: String
    var prevHash: String
    var hash: String

    enum CodingKeys: String, CodingKey {
        case seq, cycle, time, actor, type, payload, prevHash = "prev_hash", hash
    }
}

/// A row of `cycles`: the key of a cycle's events and the workflow version it pinned.
struct StoredCycle: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cycles"
    var id: String
    var workflowHash: String
    var openedSeq: Int64

    enum CodingKeys: String, CodingKey {
        case id, workflowHash = "workflow_hash", openedSeq = "opened_seq"
    }
}

/// A row of `artifacts`: a submitted file's bytes under their SHA-256.
struct StoredArtifact: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "artifacts"
    var sha256: String
    var size: Int
    var content: Data
    var storedAt: String

    enum CodingKeys: String, CodingKey {
        case sha256, size, content, storedAt = "stored_at"
    }
}

/// A row of `follow_ups`. `revision` is left out on purpose: the table's triggers own it.
struct StoredFollowUp: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "follow_ups"
    var label: String
    var kind: String
    var number: Int
    var cycle: String
    var live: Bool
    var closedIn: String?
    /// The item as JSON (`RecordCoding`).
    var record: String

    enum CodingKeys: String, CodingKey {
        case label, kind, number, cycle, live, closedIn = "closed_in", record
    }
}

/// A row of `escalations`.
struct StoredEscalation: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "escalations"
    var number: Int
    var cycle: String
    var scope: String
    var subject: String
    var level: Int
    var live: Bool
    /// The escalation as JSON (`RecordCoding`).
    var record: String
}

/// A row of `notifications`: one recipient's notice of an escalation, and its delivery by the hook.
struct StoredNotification: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "notifications"
    /// Nil until inserted: SQLite numbers it.
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

    enum CodingKeys: String, CodingKey {
        case number, escalation, recipient, cycle, level, subject, body, createdAt = "created_at", ackedAt = "acked_at", delivery,
            attempts, lastError = "last_error", deliveredAt = "delivered_at", claimedUntil = "claimed_until"
    }

    enum Columns {
        static let number = Column(CodingKeys.number)
        static let escalation = Column(CodingKeys.escalation)
        static let ackedAt = Column(CodingKeys.ackedAt)
        static let attempts = Column(CodingKeys.attempts)
        static let claimedUntil = Column(CodingKeys.claimedUntil)
        static let delivery = Column(CodingKeys.delivery)
        static let deliveredAt = Column(CodingKeys.deliveredAt)
        static let lastError = Column(CodingKeys.lastError)
    }
}

/// A row of `access_log`: one refused attempt, a link of the access log's own chain.
struct StoredRefusedAttempt: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "access_log"
    var number: Int64
    var time: String
    var account: String
    var actor: String?
    var command: String
    var rule: String
    var message: String
    var prevHash: String
    var hash: String

    enum CodingKeys: String, CodingKey {
        case number, time, account, actor, command, rule, message, prevHash = "prev_hash", hash
    }
}
