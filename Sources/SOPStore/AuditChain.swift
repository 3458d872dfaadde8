import Foundation

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
    static func genesis(_ sql: any StoreExecutor) throws -> String {
        var text = "sop-genesis-v1\n"
        for setting in try sql.rows("SELECT key, value FROM meta WHERE key <> ? ORDER BY key", [genesisKey]) {
            text += "meta\t\(setting.text(0) ?? "")\t\(setting.text(1) ?? "")\n"
        }
        for p in try sql.rows("SELECT position, id, name, roles, login, email FROM participants ORDER BY position") {
            let fields = [p.integer(0).map { String($0) } ?? "", p.text(1) ?? "", p.text(2) ?? "", p.text(3) ?? "", p.text(4) ?? "", p.text(5) ?? ""]
            text += "participant\t" + fields.joined(separator: "\t") + "\n"
        }
        return ContentHash.sha256(text)
    }

    /// The sealed genesis hash, if the database has been initialised.
    static func sealedGenesis(_ sql: any StoreExecutor) throws -> String? {
        try sql.text("SELECT value FROM meta WHERE key = ?", [genesisKey])
    }

    /// The newest link of a ledger: the next row's key and the hash it must follow (on PostgreSQL,
    /// locked for this transaction). A record without a genesis was not initialised by sop.
    static func head(_ sql: any StoreExecutor, of ledger: Ledger = .events) throws -> (nextKey: Int64, hash: String) {
        guard let head = try sql.chainHead(ledger) else {
            throw StoreError("the database has no audit genesis; it was not initialised by sop")
        }
        return head
    }
}
