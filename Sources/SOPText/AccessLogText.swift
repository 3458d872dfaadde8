import Foundation
import SOPCore
import SOPStore

/// `log --refused`: the access log as a table, and its JSON rows.
public enum AccessLogText {
    public static func reply(_ attempts: [RefusedAttempt], width: Int? = nil) -> Reply {
        let json = attempts.map(RefusedAttemptJSON.init)
        if attempts.isEmpty { return Reply("No refused attempts on record.", json: json) }
        var table = TextTable(["#", "TIME (UTC)", "ACCOUNT", "AS", "RULE", "COMMAND", "REFUSED BECAUSE"], width: width)
        for a in attempts {
            table.add(["\(a.number)", Stamp.second(a.time), a.account, a.actor ?? "-", a.rule, a.command, a.message])
        }
        return Reply(table.rendered, json: json)
    }

    public struct RefusedAttemptJSON: Encodable, Sendable {
        var number: Int64
        var time: String
        var account: String
        /// Null when nobody was named: every row has the same keys.
        @Nullable var actor: String?
        var command: String
        var rule: String
        var message: String

        public init(_ a: RefusedAttempt) {
            number = a.number
            time = Stamp.iso(a.time)
            account = a.account
            actor = a.actor
            command = a.command
            rule = a.rule
            message = a.message
        }
    }
}
