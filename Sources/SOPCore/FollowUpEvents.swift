/// Payloads of the follow-up events. Each carries every fact its item needs, so the follow-up
/// register can be rebuilt from the log alone.

/// Something the executives must decide was put on the agenda.
public struct ProposalRaised: Sendable, Equatable, Codable {
    public var number: Int
    public var text: String
    public var stage: String?
    public var options: [String]
    public init(number: Int, text: String, stage: String?, options: [String]) {
        self.number = number
        self.text = text
        self.stage = stage
        self.options = options
    }
}

/// A decision was recorded: answering a proposal, standing alone, or superseding an earlier one.
public struct DecisionRecorded: Sendable, Equatable, Codable {
    public var number: Int
    public var text: String
    public var rationale: String
    public var option: String?
    public var proposal: Int?
    public var supersedes: Int?
    public init(number: Int, text: String, rationale: String, option: String?, proposal: Int?, supersedes: Int?) {
        self.number = number
        self.text = text
        self.rationale = rationale
        self.option = option
        self.proposal = proposal
        self.supersedes = supersedes
    }
}

/// A proposal was moved to a later cycle, where it appears as open again.
public struct ProposalDeferred: Sendable, Equatable, Codable {
    public var number: Int
    /// The cycle (`YYYY-MM`) it was deferred to.
    public var to: String
    public var reason: String
    public init(number: Int, to: String, reason: String) {
        self.number = number
        self.to = to
        self.reason = reason
    }
}

public struct ActionAdded: Sendable, Equatable, Codable {
    public var number: Int
    public var title: String
    public var owner: String
    public var due: Day
    public var decision: Int?
    public var stage: String?
    public init(number: Int, title: String, owner: String, due: Day, decision: Int?, stage: String?) {
        self.number = number
        self.title = title
        self.owner = owner
        self.due = due
        self.decision = decision
        self.stage = stage
    }
}

public struct ActionDone: Sendable, Equatable, Codable {
    public var number: Int
    public var note: String?
    public init(number: Int, note: String?) {
        self.number = number
        self.note = note
    }
}

public struct ActionCancelled: Sendable, Equatable, Codable {
    public var number: Int
    public var reason: String
    public init(number: Int, reason: String) {
        self.number = number
        self.reason = reason
    }
}

public struct ActionReassigned: Sendable, Equatable, Codable {
    public var number: Int
    public var from: String
    public var to: String
    public init(number: Int, from: String, to: String) {
        self.number = number
        self.from = from
        self.to = to
    }
}
