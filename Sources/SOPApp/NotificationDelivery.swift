import Foundation
import SOPCore
import SOPStore
import SOPSystem

/// One run of the notify hook, as `escalate` reports it.
public struct DeliveryAttempt: Sendable, Encodable {
    public var notification: Int
    public var recipient: String
    var subject: String
    /// nil when delivered.
    public var failure: String?
}

/// Sends pending notifications through the workflow's `notify:` command. Each notification is claimed
/// in its own short transaction, the hook runs outside any transaction (it may take seconds), and
/// the outcome is written back; a failure stays pending and is retried by the next run. So a hook
/// never holds the database, never runs twice at once for one notification, and nothing is dropped.
public enum NotificationDelivery {
    /// Runs the hook for every pending notification (each at most once per call).
    public static func deliverPending(
        _ database: SOPDatabase, clock: @Sendable () -> Date,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [DeliveryAttempt] {
        var attempts: [DeliveryAttempt] = []
        var last = 0
        while true {
            let claim: (NotificationRecord, NotifyCommand?, Participant?)? = try database.write { tx in
                let wallClock = Date()
                // The lease covers the slowest hook allowed (300 s) so a live run is never taken over.
                guard let n = try tx.claimPendingDelivery(after: last, now: wallClock, leaseEnd: wallClock.addingTimeInterval(360))
                else { return nil }
                return (n, try tx.pinnedWorkflow(of: n.cycle)?.notify, try tx.team().participant(n.recipient))
            }
            guard let (notification, command, person) = claim else { return attempts }
            last = notification.number
            let failure: String?
            if let command {
                let message = HookMessage(
                    recipient: notification.recipient, name: person?.name ?? notification.recipient, email: person?.email,
                    subject: notification.subject, level: notification.level, body: notification.body,
                    notification: notification.number, cycle: notification.cycle)
                switch NotificationHook(command: command.command, timeout: command.timeout).run(message, environment: environment) {
                case .delivered: failure = nil
                case .failed(let reason): failure = reason
                }
            } else {
                failure = "cycle \(notification.cycle)'s workflow has no notify command"
            }
            try database.write { tx in try tx.recordDelivery(notification.number, at: clock(), failure: failure) }
            attempts.append(DeliveryAttempt(
                notification: notification.number, recipient: notification.recipient, subject: notification.subject, failure: failure))
        }
    }
}
