import Foundation

/// A value as the store binds it and reads it back: the five kinds both SQLite and PostgreSQL keep
/// for sop's columns. A boolean is an integer 0 or 1 on both (the `live` columns), as SQLite has it.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// What can be bound to a `?` of the store's SQL.
public protocol StoreArgument {
    var storeValue: StoreValue { get }
}

extension StoreValue: StoreArgument {
    public var storeValue: StoreValue { self }
}

extension String: StoreArgument {
    public var storeValue: StoreValue { .text(self) }
}

extension Int: StoreArgument {
    public var storeValue: StoreValue { .integer(Int64(self)) }
}

extension Int64: StoreArgument {
    public var storeValue: StoreValue { .integer(self) }
}

extension Bool: StoreArgument {
    public var storeValue: StoreValue { .integer(self ? 1 : 0) }
}

extension Data: StoreArgument {
    public var storeValue: StoreValue { .blob(self) }
}

extension Optional: StoreArgument where Wrapped: StoreArgument {
    public var storeValue: StoreValue { self?.storeValue ?? .null }
}

/// The column names of one result, shared by its rows.
public final class StoreColumns: Sendable {
    public let names: [String]
    let index: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        // The first of two equal names wins, as SQLite's own lookup by name does.
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
    }
}

/// One row of a result, read by position (rows read by the thousand) or by column name. Every reader
/// answers nil for a value of another kind, so an edited record is a store error, never a crash.
public struct StoreRow: Sendable {
    public let columns: StoreColumns
    public let values: [StoreValue]

    public init(columns: StoreColumns, values: [StoreValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ i: Int) -> StoreValue { values.indices.contains(i) ? values[i] : .null }
    public subscript(_ name: String) -> StoreValue { columns.index[name].map { self[$0] } ?? .null }

    public func text(_ i: Int) -> String? { if case .text(let t) = self[i] { t } else { nil } }
    public func text(_ name: String) -> String? { if case .text(let t) = self[name] { t } else { nil } }
    public func integer(_ i: Int) -> Int64? { if case .integer(let n) = self[i] { n } else { nil } }
    public func integer(_ name: String) -> Int64? { if case .integer(let n) = self[name] { n } else { nil } }
    public func int(_ i: Int) -> Int? { integer(i).flatMap { Int(exactly: $0) } }
    public func int(_ name: String) -> Int? { integer(name).flatMap { Int(exactly: $0) } }
    public func bool(_ i: Int) -> Bool? { integer(i).map { $0 != 0 } }
    public func bool(_ name: String) -> Bool? { integer(name).map { $0 != 0 } }
    public func blob(_ name: String) -> Data? { if case .blob(let b) = self[name] { b } else { nil } }
    public func isNull(_ name: String) -> Bool { self[name] == .null }

    /// The row as `name=value` pairs, for a message about a row that does not read.
    public var description: String {
        zip(columns.names, values).map { name, value in
            switch value {
            case .null: "\(name)=NULL"
            case .integer(let n): "\(name)=\(n)"
            case .real(let r): "\(name)=\(r)"
            case .text(let t): "\(name)='\(t.prefix(60))'"
            case .blob(let b): "\(name)=<\(b.count) bytes>"
            }
        }.joined(separator: ", ")
    }
}

/// Which SQL a backend speaks where the two differ (a JSON field, "the other columns of the row with
/// the maximum"). Everything else in the store's SQL is written once, in the subset both run.
public enum StoreDialect: Sendable {
    case sqlite
    case postgres

    /// A text field of a JSON column: `json_extract` on SQLite, `->>` on PostgreSQL.
    func jsonText(_ column: String, _ field: String) -> String {
        switch self {
        case .sqlite: "json_extract(\(column), '$.\(field)')"
        case .postgres: "(\(column)::jsonb ->> '\(field)')"
        }
    }
}

/// One backend's connection inside one transaction: the store's domain SQL runs on it unchanged
/// (`?` placeholders, standard SQL both engines run), and the few things each backend does its own way
/// are asked of it by name. SOPStore has the SQLite one; SOPPostgres has the PostgreSQL one.
public protocol StoreExecutor: AnyObject {
    var dialect: StoreDialect { get }

    /// Runs one statement that returns no rows.
    func execute(_ sql: String, _ arguments: [any StoreArgument]) throws
    /// Runs one statement and returns its rows.
    func rows(_ sql: String, _ arguments: [any StoreArgument]) throws -> [StoreRow]

    /// The newest link of a ledger: the key the next row gets and the hash it must follow; nil when the
    /// record has no genesis yet. On PostgreSQL this also locks the ledger for the transaction.
    func chainHead(_ ledger: AuditChain.Ledger) throws -> (nextKey: Int64, hash: String)?
    /// The highest key the backend ever handed out for a ledger, removed rows included (SQLite's
    /// `sqlite_sequence`, the server's head row): a log that ends before it lost its tail.
    func handedOutKey(_ ledger: AuditChain.Ledger) throws -> Int64
    /// Seals what the record was created with (meta and team) as its audit genesis.
    func sealGenesis() throws
    /// What weakens the guards that keep the record append-only (a dropped or disabled trigger, a right
    /// a participant should not have), one sentence each with the table it concerns.
    func weakenedGuards() throws -> [(table: String, problem: String)]
    /// The store appended event `seq` with `hash` in this transaction: a backend that cannot observe
    /// its own inserts (the server's) keeps it, to tell the live feed which commits were this session's
    /// and to settle a commit whose answer was lost with the connection.
    func appended(_ seq: Int64, hash: String)
}

extension StoreExecutor {
    /// SQLite's connection observes its own inserts (OwnEvents.swift), and its commits are local.
    public func appended(_ seq: Int64, hash: String) {}
}

extension StoreExecutor {
    func execute(_ sql: String) throws { try execute(sql, []) }
    func rows(_ sql: String) throws -> [StoreRow] { try rows(sql, []) }
    func row(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> StoreRow? { try rows(sql, arguments).first }
    /// The first column of the first row, as text.
    func text(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> String? { try row(sql, arguments)?.text(0) }
    /// The first column of the first row, as an integer (NULL, as from `MAX` of nothing, is nil).
    func integer(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> Int64? { try row(sql, arguments)?.integer(0) }
    func bool(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> Bool { try row(sql, arguments)?.bool(0) ?? false }
    func texts(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> [String] { try rows(sql, arguments).compactMap { $0.text(0) } }
}

/// `?, ?, ?` for `count` values.
func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
