/// Who may acknowledge a notification: only its recipient, and only once. Acknowledging is the
/// recipient saying "seen"; it resolves nothing, so nobody may do it for someone else.
public enum NotificationRules {
    /// What the record says of notification `number`: nil when there is none.
    public struct Seen: Sendable, Equatable {
        public var recipient: String
        public var acknowledged: Bool
        public init(recipient: String, acknowledged: Bool) {
            self.recipient = recipient
            self.acknowledged = acknowledged
        }
    }

    public static func checkAcknowledge(_ number: Int, _ seen: Seen?, by participant: String) throws(Refusal) {
        guard let seen else { throw Refusal(.unknownItem, "there is no notification \(number)", fix: "`inbox` lists yours") }
        guard seen.recipient == participant else {
            throw Refusal(.permission, "notification \(number) is \(seen.recipient)'s, not yours", fix: "acknowledge your own; `inbox` lists them")
        }
        guard !seen.acknowledged else {
            throw Refusal(.itemState, "notification \(number) was already acknowledged", fix: "`inbox` lists the ones still open")
        }
    }
}
