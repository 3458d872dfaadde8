import Foundation
import SOPCore

/// One refused attempt as the access log keeps it: who tried what, when, and which rule said no.
public struct RefusedAttempt: Sendable, Equatable {
    /// The row's number; 0 until stored.
    public var number: Int64
    public var time: Date
    /// The operating-system account running sop.
    public var account: String
    /// The participant claimed (`--as`, `as`) or acting; nil when nobody was.
    public var actor: String?
    /// The command line attempted.
    public var command: String
    /// The refusal's rule (`identity`, `unknown-participant`, `permission`).
    public var rule: String
    public var message: String

    public init(number: Int64 = 0, time: Date, account: String, actor: String?, command: String, rule: String, message: String) {
        self.number = number
        self.time = time
        self.account = account
        self.actor = actor
        self.command = command
        self.rule = rule
        self.message = message
    }
}

/// How text from a command line is made safe to keep and to print back: control characters escaped
/// (a line read back with `log --refused` must not move the reader's cursor or recolour their terminal)
/// and the length bounded (a pasted file must not bloat the log).
public enum AccessLogText {
    public static let commandLimit = 500
    static let fieldLimit = 200
    static let messageLimit = 1000

    public static func bounded(_ text: String, limit: Int) -> String {
        let escaped = PrintableText.escaped(text)
        guard escaped.count > limit else { return escaped }
        return String(escaped.prefix(limit - 1)) + "…"
    }
}

extension StoreTransaction {
    /// Appends refused attempts, every text field escaped and bounded; returns them numbered.
    @discardableResult
    public func appendRefusedAttempts(_ attempts: [RefusedAttempt]) throws -> [RefusedAttempt] {
        var stored: [RefusedAttempt] = []
        guard !attempts.isEmpty else { return stored }
        var (number, prev) = try AuditChain.head(sql, of: .accessLog)
        for var attempt in attempts {
            attempt.account = AccessLogText.bounded(attempt.account, limit: AccessLogText.fieldLimit)
            attempt.actor = attempt.actor.map { AccessLogText.bounded($0, limit: AccessLogText.fieldLimit) }
            attempt.command = AccessLogText.bounded(attempt.command, limit: AccessLogText.commandLimit)
            attempt.rule = AccessLogText.bounded(attempt.rule, limit: AccessLogText.fieldLimit)
            attempt.message = AccessLogText.bounded(attempt.message, limit: AccessLogText.messageLimit)
            let time = Timestamps.format(attempt.time)
            let hash = AuditChain.link(
                prev: prev, key: number, fields: [time, attempt.account, attempt.actor, attempt.command, attempt.rule, attempt.message])
            try StoredRefusedAttempt(
                number: number, time: time, account: attempt.account, actor: attempt.actor, command: attempt.command, rule: attempt.rule,
                message: attempt.message, prevHash: prev, hash: hash
            ).insert(sql)
            attempt.number = number
            (number, prev) = (number + 1, hash)
            stored.append(attempt)
        }
        return stored
    }

    /// The access log oldest first; with a limit, the newest N (still oldest first, like `log`).
    public func refusedAttempts(limit: Int? = nil) throws -> [RefusedAttempt] {
        var query = StoredRefusedAttempt.selectAll
        var arguments: [any StoreArgument] = []
        if let limit {
            query = "SELECT * FROM (\(query) ORDER BY number DESC LIMIT ?) AS newest ORDER BY number"
            arguments.append(limit)
        } else {
            query += " ORDER BY number"
        }
        return try sql.rows(query, arguments).map(StoredRefusedAttempt.init(row:)).map { row in
            guard let time = Timestamps.parse(row.time) else {
                throw StoreError("access log row \(row.number) has an unreadable time '\(row.time)'")
            }
            return RefusedAttempt(
                number: row.number, time: time, account: row.account, actor: row.actor, command: row.command, rule: row.rule, message: row.message)
        }
    }
}

extension SOPDatabase {
    /// Records refused attempts in a transaction of their own. Callers run it after the refused
    /// command's transaction rolled back, so the refusal still changed nothing in the cycle's record.
    public func recordRefusedAttempts(_ attempts: [RefusedAttempt]) throws {
        guard !attempts.isEmpty else { return }
        try write { tx in try tx.appendRefusedAttempts(attempts) }
    }
}
