import Foundation
import GRDB

/// The store's SQL on one SQLite connection (GRDB), inside the transaction `SOPDatabase` opened.
/// Statements are prepared once per connection and reused (`cachedStatement`), as the store always did.
final class SQLiteExecutor: StoreExecutor {
    let db: Database

    init(_ db: Database) { self.db = db }

    var dialect: StoreDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [any StoreArgument]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.bound(arguments))
    }

    func rows(_ sql: String, _ arguments: [any StoreArgument]) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = StoreColumns(statement.columnNames)
        let width = columns.names.count
        var rows: [StoreRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: Self.bound(arguments))
        while let row = try cursor.next() {
            var values: [StoreValue] = []
            values.reserveCapacity(width)
            for i in 0..<width { values.append(Self.value(row[i] as DatabaseValue)) }
            rows.append(StoreRow(columns: columns, values: values))
        }
        return rows
    }

    static func bound(_ arguments: [any StoreArgument]) -> StatementArguments {
        StatementArguments(arguments.map { argument -> DatabaseValue in
            switch argument.storeValue {
            case .null: .null
            case .integer(let n): n.databaseValue
            case .real(let r): r.databaseValue
            case .text(let t): t.databaseValue
            case .blob(let b): b.databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let n): .integer(n)
        case .double(let r): .real(r)
        case .string(let t): .text(t)
        case .blob(let b): .blob(b)
        }
    }

    /// The key continues after the highest one SQLite ever handed out (AUTOINCREMENT keeps it in
    /// `sqlite_sequence`), so a removed tail leaves a visible gap.
    func chainHead(_ ledger: AuditChain.Ledger) throws -> (nextKey: Int64, hash: String)? {
        let last = try row("SELECT \(ledger.key), hash FROM \(ledger.table) ORDER BY \(ledger.key) DESC LIMIT 1")
        let lastKey = last?.integer(0) ?? 0
        let handedOut = try handedOutKey(ledger)
        if let last {
            guard let hash = last.text(1) else { throw StoreError("the newest \(ledger.noun) has no readable hash; run `sop audit verify`") }
            return (max(lastKey, handedOut) + 1, hash)
        }
        guard let genesis = try AuditChain.sealedGenesis(self) else { return nil }
        return (handedOut + 1, genesis)
    }

    func handedOutKey(_ ledger: AuditChain.Ledger) throws -> Int64 {
        try integer("SELECT seq FROM sqlite_sequence WHERE name = ?", [ledger.table]) ?? 0
    }

    func sealGenesis() throws {
        let hash = try AuditChain.genesis(self)
        try execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [AuditChain.genesisKey, hash])
    }

    /// SQLite has no rights to grant: what keeps the two ledgers append-only is their triggers.
    func weakenedGuards() throws -> [(table: String, problem: String)] {
        let present = Set(try texts("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        var problems: [(table: String, problem: String)] = []
        for table in ["events", "access_log"] {
            let guards = table == "events"
                ? ["events_are_append_only_update", "events_are_append_only_delete"]
                : ["access_log_is_append_only_update", "access_log_is_append_only_delete"]
            for name in guards where !present.contains(name) {
                problems.append((table, "the trigger \(name) is gone: someone removed the guard that keeps \(table) append-only"))
            }
        }
        return problems
    }
}

extension StoreTransaction {
    /// A transaction on an SQLite connection GRDB opened (migrations run on one).
    init(db: Database, cache: TransactionCache? = nil) {
        self.init(sql: SQLiteExecutor(db), cache: cache)
    }

    /// The SQLite connection under this transaction, for the SQLite-only tests that edit the file as an
    /// attacker would; a PostgreSQL transaction has none.
    var db: Database {
        get throws {
            guard let sqlite = sql as? SQLiteExecutor else { throw StoreError("this transaction runs on PostgreSQL, not SQLite") }
            return sqlite.db
        }
    }
}

extension SOPDatabase {
    /// The GRDB connection of an SQLite record, for the SQLite-only tests that trace or edit it.
    var writer: any DatabaseWriter {
        get throws {
            guard let sqlite = backend as? SQLiteBackend else { throw StoreError("this record is on PostgreSQL, not SQLite") }
            return sqlite.writer
        }
    }
}
