import Foundation
import GRDB

/// The tamper-evident chain over the event log. Each event's `hash` is the SHA-256 of the previous
/// event's hash and the event's own stored content, so changing, removing or inserting any event
/// breaks every link after it. The first event links to the genesis hash, which covers what the
/// database was created with (the `meta` rows and the team), so those cannot be edited unseen either.
///
/// The format is plain text on purpose: anyone can re-check a database with a few lines of Python
/// or shell (the README shows how) without trusting `sop`.
public enum AuditChain {
    /// A table kept as a chain: the events, and the access log of refused attempts.
    public struct Ledger: Sendable {
        public var table: String
        /// The INTEGER PRIMARY KEY AUTOINCREMENT column (`seq`, `number`).
        public var key: String
        /// The columns each link covers after the key, in order.
        public var fields: [String]
        /// What one row is called in findings.
        public var noun: String

        public static let events = Ledger(table: "events", key: "seq", fields: ["cycle", "time", "actor", "type", "payload"], noun: "event")
        public static let accessLog = Ledger(
            table: "access_log", key: "number", fields: ["time", "account", "actor", "command", "rule", "message"], noun: "access log entry")
    }

    /// The hash of one row: SHA-256 over `prev`, the key, then each field exactly as stored, each on its
    /// own line (an event's payload comes last, so its newlines are unambiguous). A NULL is empty.
    public static func link(prev: String, key: Int64, fields: [String?]) -> String {
        ContentHash.sha256(([prev, String(key)] + fields.map { $0 ?? "" }).joined(separator: "\n"))
    }

    /// The hash of one event: `sha256(prev \n seq \n cycle \n time \n actor \n type \n payload)`.
    public static func link(prev: String, seq: Int64, cycle: String, time: String, actor: String, type: String, payload: String) -> String {
        link(prev: prev, key: seq, fields: [cycle, time, actor, type, payload])
    }

    /// The meta key holding the genesis hash (itself excluded from what the genesis covers).
    static let genesisKey = "audit_genesis"

    /// SHA-256 over `sop-genesis-v1`, every `meta` row but the genesis itself (sorted by key) and every
    /// participant in team order, one tab-separated line each.
    static func genesis(_ db: Database) throws -> String {
        var text = "sop-genesis-v1\n"
        for setting in try MetaSetting.filter(Column("key") != genesisKey).order(Column("key")).fetchAll(db) {
            text += "meta\t\(setting.key)\t\(setting.value)\n"
        }
        for p in try StoredParticipant.order(Column("position")).fetchAll(db) {
            let fields = [String(p.position), p.id, p.name, p.roles, p.login ?? "", p.email ?? ""]
            text += "participant\t" + fields.joined(separator: "\t") + "\n"
        }
        return ContentHash.sha256(text)
    }

    /// Seals what the database was created with: called once, when it is initialised (or migrated).
    @discardableResult
    static func sealGenesis(_ db: Database) throws -> String {
        let hash = try genesis(db)
        try MetaSetting(key: genesisKey, value: hash).insert(db, onConflict: .replace)
        return hash
    }

    /// The sealed genesis hash, if the database has been initialised.
    static func sealedGenesis(_ db: Database) throws -> String? {
        try MetaSetting.fetchOne(db, key: genesisKey)?.value
    }

    /// The newest link of a ledger: the next row's key and the hash it must follow. The key continues
    /// after the highest one SQLite ever handed out, so a removed tail leaves a visible gap.
    static func head(_ db: Database, of ledger: Ledger = .events) throws -> (nextKey: Int64, hash: String) {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ledger.key) AS key, hash FROM \(ledger.table) ORDER BY \(ledger.key) DESC LIMIT 1"))
        let handedOut = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = ?"), arguments: [ledger.table]) ?? 0
        let lastKey: Int64 = last?["key"] ?? 0
        let hash: String
        if let last {
            hash = last["hash"]
        } else {
            guard let genesis = try sealedGenesis(db) else {
                throw StoreError("the database has no audit genesis; it was not initialised by sop")
            }
            hash = genesis
        }
        return (max(lastKey, handedOut) + 1, hash)
    }
}
