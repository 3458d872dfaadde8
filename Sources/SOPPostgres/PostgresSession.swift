import Foundation
import PostgresNIO
import SOPCore
import SOPStore
import Synchronization

/// One synchronous connection to the shared store's server. `sop` is a synchronous program (a command,
/// a playbook, a REPL loop), so each call waits on postgres-nio's future. Waiting is only safe off the
/// event loop's own thread, and nothing of sop runs there: no callback of ours is handed to the loop.
public final class PostgresSession {
    /// One loop thread for the whole process: a command uses one connection at a time, and tests that run
    /// several writers share it (the loop only moves bytes; each caller waits on its own thread).
    static let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    public let address: PostgresAddress
    /// The role the connection logged in as (`session_user`), which identity mode `database` trusts.
    public let user: String
    private let connection: PostgresConnection
    private let logger: Logger
    private let ending = Ending()

    private init(address: PostgresAddress, user: String, connection: PostgresConnection, logger: Logger) {
        (self.address, self.user, self.connection, self.logger) = (address, user, connection, logger)
        let ending = self.ending
        connection.closeFuture.whenComplete { _ in ending.closed() }
    }

    /// The connection's end as the waiting caller needs it. postgres-nio can leave a query written just
    /// as the server ended the session (`pg_terminate_backend`, a restart) waiting forever, so the wait
    /// is also ended when the connection closes: the command then fails with a sentence instead of hanging.
    final class Ending: Sendable {
        private struct State {
            var isClosed = false
            var failWaiting: (@Sendable () -> Void)?
        }
        private let state = Mutex(State())

        func closed() {
            let fail = state.withLock { state -> (@Sendable () -> Void)? in
                state.isClosed = true
                defer { state.failWaiting = nil }
                return state.failWaiting
            }
            fail?()
        }

        /// Waits for `future` or the connection's end, whichever comes first.
        func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
            let promise = future.eventLoop.makePromise(of: T.self)
            future.cascade(to: promise)
            let alreadyClosed = state.withLock { state -> Bool in
                if !state.isClosed { state.failWaiting = { promise.fail(ConnectionEnded()) } }
                return state.isClosed
            }
            if alreadyClosed { promise.fail(ConnectionEnded()) }
            defer { state.withLock { $0.failWaiting = nil } }
            // Whichever completes the promise first wins; NIO ignores the second.
            return try promise.futureResult.wait()
        }
    }

    /// The connection closed under a waiting call (PostgresFault words it like a close by the server).
    struct ConnectionEnded: Error {}

    /// Connects as `user` with `password` (nil: send none). Every failure is a `PostgresFault` that says
    /// what is wrong and how to fix it.
    public static func connect(_ address: PostgresAddress, user: String, password: String?) throws(PostgresFault) -> PostgresSession {
        var logger = Logger(label: "sop.postgres")
        // postgres-nio's own log lines are for its developers; sop reports failures as PostgresFault.
        logger.logLevel = .critical
        let tls = try tlsSetting(address)
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: user, password: password, database: address.database, tls: tls)
        do {
            let connection = try PostgresConnection.connect(
                on: loops.next(), configuration: configuration, id: Int.random(in: 1...Int.max), logger: logger
            ).wait()
            return PostgresSession(address: address, user: user, connection: connection, logger: logger)
        } catch {
            throw PostgresFault(error, address: address, user: user, passwordGiven: password != nil)
        }
    }

    /// Runs one statement with `$1`, `$2`... bound to `values` (sent as text: cast in the SQL, `$1::bigint`)
    /// and returns its rows, each value as text (NULL as nil).
    @discardableResult
    public func query(_ sql: String, _ values: [String?] = []) throws(PostgresFault) -> [[String?]] {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { binds.append(value) } else { binds.appendNull() }
        }
        let result: PostgresQueryResult
        do {
            result = try ending.wait(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger))
        } catch {
            throw PostgresFault(error, address: address, user: user, passwordGiven: true)
        }
        return try result.rows.map { row throws(PostgresFault) in
            var values: [String?] = []
            for cell in row { values.append(try Self.text(cell)) }
            return values
        }
    }

    /// Runs one statement with typed binds and returns its rows as the store reads them (SOPStore's
    /// `StoreValue`): the store's executor on this connection.
    func storeRows(_ sql: String, _ values: [StoreValue]) throws(PostgresFault) -> [StoreRow] {
        var binds = PostgresBindings(capacity: values.count)
        do {
            for value in values {
                switch value {
                case .null: binds.appendNull()
                case .integer(let n): binds.append(n)
                case .real(let r): binds.append(r)
                case .text(let t): binds.append(t)
                case .blob(let b): try binds.append(b)
                }
            }
        } catch {
            throw PostgresFault("a value could not be sent to the server: \(error)", fix: "report this as a bug in sop")
        }
        let result: PostgresQueryResult
        do {
            result = try ending.wait(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger))
        } catch {
            throw PostgresFault(error, address: address, user: user, passwordGiven: true)
        }
        var columns: StoreColumns?
        var rows: [StoreRow] = []
        for row in result.rows {
            var values: [StoreValue] = []
            var names: [String] = []
            for cell in row {
                values.append(try Self.storeValue(cell))
                if columns == nil { names.append(cell.columnName) }
            }
            if columns == nil { columns = StoreColumns(names) }
            if let columns { rows.append(StoreRow(columns: columns, values: values)) }
        }
        return rows
    }

    /// A cell as the store reads it: integers of every width, booleans as 0 or 1 (as SQLite keeps
    /// them), text, bytes; any other type must be cast in the query.
    static func storeValue(_ cell: PostgresCell) throws(PostgresFault) -> StoreValue {
        guard var bytes = cell.bytes else { return .null }
        let count = bytes.readableBytes
        if cell.format == .text { return bytes.readString(length: count).map(StoreValue.text) ?? .null }
        switch cell.dataType {
        case .text, .varchar, .name, .bpchar: return bytes.readString(length: count).map(StoreValue.text) ?? .null
        case .int2: return bytes.readInteger(as: Int16.self).map { .integer(Int64($0)) } ?? .null
        case .int4: return bytes.readInteger(as: Int32.self).map { .integer(Int64($0)) } ?? .null
        case .int8: return bytes.readInteger(as: Int64.self).map(StoreValue.integer) ?? .null
        case .bool: return bytes.readInteger(as: UInt8.self).map { .integer($0 == 0 ? 0 : 1) } ?? .null
        case .float8: return bytes.readInteger(as: UInt64.self).map { .real(Double(bitPattern: $0)) } ?? .null
        case .bytea: return .blob(Data(bytes.readableBytesView))
        default:
            throw PostgresFault(
                "column \(cell.columnName) came back as type \(cell.dataType), which sop does not read",
                fix: "cast it to text in the query (\(cell.columnName)::text)")
        }
    }

    /// Runs statements that return nothing, one after another (the extended protocol takes one at a time).
    public func execute(_ statements: [String]) throws(PostgresFault) {
        for statement in statements { try query(statement) }
    }

    /// Runs `body` in one READ COMMITTED transaction: committed if it returns, rolled back if it throws.
    /// A write's first statement locks a chain's head (`sop_lock_events()`), which serializes writers.
    public func transaction<T>(_ body: () throws(PostgresFault) -> T) throws(PostgresFault) -> T {
        try query("BEGIN")
        let result: T
        do {
            result = try body()
        } catch {
            // A lost connection cannot roll back, and need not: the server drops its open transaction.
            _ = try? query("ROLLBACK")
            throw error
        }
        try query("COMMIT")
        return result
    }

    /// The first value of the first row, for `SELECT x` questions.
    public func value(_ sql: String, _ values: [String?] = []) throws(PostgresFault) -> String? {
        try query(sql, values).first?.first ?? nil
    }

    /// Listens on `channel`: `notified` runs on the event loop's thread for every notification, so it
    /// must only wake the caller (write to a pipe), never wait on this session.
    public func listen(_ channel: String, notified: @escaping @Sendable () -> Void) throws(PostgresFault) {
        connection.addListener(channel: channel) { _, _ in notified() }
        try query("LISTEN \(channel)")
    }

    /// Whether the connection has ended (the server closed it, or `close`): a new session is needed.
    public var isClosed: Bool { connection.isClosed }

    /// Ends the session; a failure to say goodbye changes nothing the server keeps, so it is not reported.
    public func close() {
        try? connection.close().wait()
    }

    /// A session dropped without `close` (a command that ends by returning) says goodbye on the loop.
    /// The completion holds the connection until it is closed: postgres-nio stops the process if a
    /// connection is freed while still open.
    deinit {
        let connection = connection
        if !connection.isClosed { connection.close().whenComplete { _ in withExtendedLifetime(connection) {} } }
    }

    /// A cell as text. postgres-nio asks for binary results, so the few types sop's SQL returns are
    /// turned into text here, and any other must be cast to text in the query.
    static func text(_ cell: PostgresCell) throws(PostgresFault) -> String? {
        guard var bytes = cell.bytes else { return nil }
        let count = bytes.readableBytes
        if cell.format == .text { return bytes.readString(length: count) }
        switch cell.dataType {
        case .text, .varchar, .name, .bpchar: return bytes.readString(length: count)
        case .int2: return bytes.readInteger(as: Int16.self).map { String($0) }
        case .int4: return bytes.readInteger(as: Int32.self).map { String($0) }
        case .int8: return bytes.readInteger(as: Int64.self).map { String($0) }
        case .oid: return bytes.readInteger(as: UInt32.self).map { String($0) }
        case .bool: return bytes.readInteger(as: UInt8.self).map { $0 == 0 ? "f" : "t" }
        default:
            throw PostgresFault(
                "column \(cell.columnName) came back as type \(cell.dataType), which sop does not read",
                fix: "cast it to text in the query (\(cell.columnName)::text)")
        }
    }

    /// libpq's `sslmode` in postgres-nio's terms. `prefer` and `require` encrypt without checking the
    /// certificate, as libpq does; `verify-full` checks it and the host name against the given CA or the
    /// system's roots.
    static func tlsSetting(_ address: PostgresAddress) throws(PostgresFault) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let file = address.rootCertificate { tls.trustRoots = .file(file) }
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return address.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw PostgresFault(
                "cannot set up TLS for \(address.server): \(error)",
                fix: address.rootCertificate.map { "check that \($0) is a readable PEM certificate" } ?? "check the system's CA certificates")
        }
    }
}
