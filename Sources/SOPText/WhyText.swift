import SOPCore

/// `why STAGE`: the explanation's lines as text, and with the stage and its state as JSON.
public enum WhyText {
    public struct WhyJSON: Encodable, Sendable {
        public var stage: String
        public var state: StageState
        public var explanation: [String]
    }

    public static func reply(stage: String, state: StageState, explanation lines: [String]) -> Reply {
        Reply(lines.joined(separator: "\n"), json: WhyJSON(stage: stage, state: state, explanation: lines))
    }
}
