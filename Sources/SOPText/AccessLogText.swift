import Foundation
import SOPStore

/// `log --refused`: the access log as a table, and its JSON rows.
public enum AccessLogText {
    public static func reply(_ attempts: [RefusedAttempt]) -> Reply {
        let json = attempts.map(RefusedAttemptJSON.init)
        if attempts.isEmpty { return Reply("No refused attempts on record.", json: json) }
        var table = TextTable(["#", "TIME (UTC)", "ACCOUNT", "AS", "RULE", "COMMAND", "REFUSED BECAUSE"])
        for a in attempts {
            table.add(["\(a.number)", AccessLogTime.second(a.time), a.account, a.actor ?? "-", a.rule, a.command, a.message])
        }
        return Reply(table.rendered, json: json)
    }

    public struct RefusedAttemptJSON: Encodable, Sendable {
        var number: Int64
        var time: String
        var account: String
        var actor: String?
        var command: String
        var rule: String
        var message: String

        public init(_ a: RefusedAttempt) {
            number = a.number
            time = AccessLogTime.iso(a.time)
            account = a.account
            actor = a.actor
            command = a.command
            rule = a.rule
            message = a.message
        }

        // `actor` is written as null rather than left out, so every row has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(time, forKey: .time)
            try c.encode(account, forKey: .account)
            try c.encode(actor, forKey: .actor)
            try c.encode(command, forKey: .command)
            try c.encode(rule, forKey: .rule)
            try c.encode(message, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case number, time, account, actor, command, rule, message }
    }
}

/// Times of refused attempts: to the second in the table (attempts come in bursts), as stored in JSON.
public enum AccessLogTime {
    public static func second(_ date: Date) -> String {
        let text = date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))  // 2026-11-05T09:00:00Z
        return text.replacingOccurrences(of: "T", with: " ")
    }

    public static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
