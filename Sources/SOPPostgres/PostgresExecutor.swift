import SOPStore

/// SOPStore's domain SQL on one server connection, inside the transaction `PostgresBackend` opened. The
/// store writes `?` placeholders (SQLite's); the server numbers them (`$1`, `$2`...).
final class PostgresExecutor: StoreExecutor {
    let session: PostgresSession

    /// The events this transaction appended (seq and hash), reported to the live feed once the
    /// transaction commits, and looked for when the answer to COMMIT was lost.
    private(set) var appendedEvents: [(seq: Int64, hash: String)] = []

    init(_ session: PostgresSession) { self.session = session }

    func appended(_ seq: Int64, hash: String) { appendedEvents.append((seq, hash)) }

    var dialect: StoreDialect { .postgres }

    func execute(_ sql: String, _ arguments: [any StoreArgument]) throws {
        _ = try rows(sql, arguments)
    }

    func rows(_ sql: String, _ arguments: [any StoreArgument]) throws -> [StoreRow] {
        try session.storeRows(Self.numbered(sql), arguments.map(\.storeValue))
    }

    /// `?` → `$1`, `$2`... outside quoted text and identifiers (a `?` inside `'...'` stays as written).
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        for c in sql {
            if let open = quote {
                if c == open { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The head row the server keeps for each ledger, locked for this transaction by the chain's lock
    /// function (which every write calls first, `PostgresBackend.write`, so this only re-reads it).
    func chainHead(_ ledger: AuditChain.Ledger) throws -> (nextKey: Int64, hash: String)? {
        guard let row = try rows("SELECT next_key, head_hash FROM sop_lock_\(ledger.table)()", []).first,
            let next = row.integer(0), let hash = row.text(1)
        else { return nil }
        return (next, hash)
    }

    func handedOutKey(_ ledger: AuditChain.Ledger) throws -> Int64 {
        guard let row = try rows("SELECT next_key FROM sop_head(?)", [ledger.table]).first, let next = row.integer(0) else { return 0 }
        return next - 1
    }

    func sealGenesis() throws {
        _ = try rows("SELECT sop_seal_genesis()", [])
    }

    func weakenedGuards() throws -> [(table: String, problem: String)] {
        try PostgresGuards.weakened(self)
    }
}
