/// `ack N...` / `ack --all`: which notifications were acknowledged, and that this resolves nothing.
public enum AckText {
    public struct AckJSON: Encodable, Sendable { public var acknowledged: [Int] }

    public static func reply(_ acknowledged: [Int]) -> Reply {
        let text = acknowledged.isEmpty
            ? "Nothing to acknowledge: your inbox is empty."
            : "Acknowledged \(acknowledged.map { "#\($0)" }.joined(separator: ", ")). Acknowledging does not resolve the escalations: they stay live until their stage is done or waived, or their action closed."
        return Reply(text, json: AckJSON(acknowledged: acknowledged))
    }
}
