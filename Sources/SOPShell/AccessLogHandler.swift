import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

extension Handlers {
    /// `log --refused`: the access log, newest last. Reading it is itself guarded: a refusal here goes
    /// into the log like any other permission refusal.
    static func accessLog(_ session: Session, limit: Int?) throws -> Reply {
        let attempts = try ProcessQueries.refusedAttempts(session, limit: limit)
        return AccessLogText.reply(attempts, width: session.tableWidth)
    }
}
