import Foundation

/// One recorded fact of a cycle; a cycle's state is the fold of its events in sequence order.
public struct CycleEvent: Sendable, Equatable {
    /// Position in the database's log; 0 until stored.
    public var seq: Int64
    public var cycle: String
    public var time: Date
    /// Participant id, or `system` for what the tool did by itself.
    public var actor: String
    public var payload: EventPayload

    public init(seq: Int64 = 0, cycle: String, time: Date, actor: String, payload: EventPayload) {
        self.seq = seq
        self.cycle = cycle
        self.time = time
        self.actor = actor
        self.payload = payload
    }
}

extension CycleEvent {
    /// The log's time never runs backwards: a command stamped before the last recorded event is refused,
    /// so "who did what, when" always reads in order (a wrong `--now`, or a machine with a bad clock).
    public static func requireForward(_ now: Date, after last: Date?) throws(Refusal) {
        guard let last, now < last else { return }
        throw Refusal(
            .clock, "the clock says \(Stamp.minute(now)), before the last recorded event at \(Stamp.minute(last))",
            fix: "run at the current time: check --now, SOP_NOW or the machine's clock")
    }
}

/// What happened, with the facts each kind of event carries.
public enum EventPayload: Sendable, Equatable {
    case cycleOpened(CycleOpened)
    case inputSubmitted(InputSubmitted)
    case signedOff(SignedOff)
    case rejected(Rejected)
    case waived(Waived)
    case cycleClosed(CycleClosed)
    case cycleCancelled(CycleCancelled)
    case proposalRaised(ProposalRaised)
    case decisionRecorded(DecisionRecorded)
    case proposalDeferred(ProposalDeferred)
    case actionAdded(ActionAdded)
    case actionDone(ActionDone)
    case actionCancelled(ActionCancelled)
    case actionReassigned(ActionReassigned)
    case escalationRaised(EscalationRaised)
    case escalationResolved(EscalationResolved)
    case scenarioAdded(ScenarioAdded)

    /// The `type` column of the events table.
    public var type: EventType {
        switch self {
        case .cycleOpened: .cycleOpened
        case .inputSubmitted: .inputSubmitted
        case .signedOff: .signedOff
        case .rejected: .rejected
        case .waived: .waived
        case .cycleClosed: .cycleClosed
        case .cycleCancelled: .cycleCancelled
        case .proposalRaised: .proposalRaised
        case .decisionRecorded: .decisionRecorded
        case .proposalDeferred: .proposalDeferred
        case .actionAdded: .actionAdded
        case .actionDone: .actionDone
        case .actionCancelled: .actionCancelled
        case .actionReassigned: .actionReassigned
        case .escalationRaised: .escalationRaised
        case .escalationResolved: .escalationResolved
        case .scenarioAdded: .scenarioAdded
        }
    }

    /// The stage an event concerns, if any.
    public var stage: String? {
        switch self {
        case .inputSubmitted(let e): e.stage
        case .signedOff(let e): e.stage
        case .rejected(let e): e.stage
        case .waived(let e): e.stage
        case .proposalRaised(let e): e.stage
        case .actionAdded(let e): e.stage
        case .escalationRaised(let e): e.subject.stage
        case .scenarioAdded(let e): e.stage
        case .cycleOpened, .cycleClosed, .cycleCancelled, .decisionRecorded, .proposalDeferred, .actionDone, .actionCancelled, .actionReassigned,
            .escalationResolved:
            nil
        }
    }

    /// The payload's bytes, the one place events are encoded. The store hashes these bytes into the
    /// audit chain, so these options stay as they are: the same event must keep making the same text.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        switch self {
        case .cycleOpened(let e): return try encoder.encode(e)
        case .inputSubmitted(let e): return try encoder.encode(e)
        case .signedOff(let e): return try encoder.encode(e)
        case .rejected(let e): return try encoder.encode(e)
        case .waived(let e): return try encoder.encode(e)
        case .cycleClosed(let e): return try encoder.encode(e)
        case .cycleCancelled(let e): return try encoder.encode(e)
        case .proposalRaised(let e): return try encoder.encode(e)
        case .decisionRecorded(let e): return try encoder.encode(e)
        case .proposalDeferred(let e): return try encoder.encode(e)
        case .actionAdded(let e): return try encoder.encode(e)
        case .actionDone(let e): return try encoder.encode(e)
        case .actionCancelled(let e): return try encoder.encode(e)
        case .actionReassigned(let e): return try encoder.encode(e)
        case .escalationRaised(let e): return try encoder.encode(e)
        case .escalationResolved(let e): return try encoder.encode(e)
        case .scenarioAdded(let e): return try encoder.encode(e)
        }
    }

    public static func decode(type: EventType, json: Data) throws -> EventPayload {
        let decoder = JSONDecoder()
        switch type {
        case .cycleOpened: return .cycleOpened(try decoder.decode(CycleOpened.self, from: json))
        case .inputSubmitted: return .inputSubmitted(try decoder.decode(InputSubmitted.self, from: json))
        case .signedOff: return .signedOff(try decoder.decode(SignedOff.self, from: json))
        case .rejected: return .rejected(try decoder.decode(Rejected.self, from: json))
        case .waived: return .waived(try decoder.decode(Waived.self, from: json))
        case .cycleClosed: return .cycleClosed(try decoder.decode(CycleClosed.self, from: json))
        case .cycleCancelled: return .cycleCancelled(try decoder.decode(CycleCancelled.self, from: json))
        case .proposalRaised: return .proposalRaised(try decoder.decode(ProposalRaised.self, from: json))
        case .decisionRecorded: return .decisionRecorded(try decoder.decode(DecisionRecorded.self, from: json))
        case .proposalDeferred: return .proposalDeferred(try decoder.decode(ProposalDeferred.self, from: json))
        case .actionAdded: return .actionAdded(try decoder.decode(ActionAdded.self, from: json))
        case .actionDone: return .actionDone(try decoder.decode(ActionDone.self, from: json))
        case .actionCancelled: return .actionCancelled(try decoder.decode(ActionCancelled.self, from: json))
        case .actionReassigned: return .actionReassigned(try decoder.decode(ActionReassigned.self, from: json))
        case .escalationRaised: return .escalationRaised(try decoder.decode(EscalationRaised.self, from: json))
        case .escalationResolved: return .escalationResolved(try decoder.decode(EscalationResolved.self, from: json))
        case .scenarioAdded: return .scenarioAdded(try decoder.decode(ScenarioAdded.self, from: json))
        }
    }
}

/// The `type` column's words.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case cycleOpened = "cycle-opened"
    case inputSubmitted = "input-submitted"
    case signedOff = "signed-off"
    case rejected = "rejected"
    case waived = "waived"
    case cycleClosed = "cycle-closed"
    case proposalRaised = "proposal-raised"
    case decisionRecorded = "decision-recorded"
    case proposalDeferred = "proposal-deferred"
    case actionAdded = "action-added"
    case actionDone = "action-done"
    case actionCancelled = "action-cancelled"
    case actionReassigned = "action-reassigned"
    case escalationRaised = "escalation-raised"
    case escalationResolved = "escalation-resolved"
    case cycleCancelled = "cycle-cancelled"
    case scenarioAdded = "scenario-added"

    /// Events about proposals, decisions and actions rather than stages.
    public var isFollowUp: Bool {
        switch self {
        case .cycleOpened, .inputSubmitted, .signedOff, .rejected, .waived, .cycleClosed, .cycleCancelled, .escalationRaised,
            .escalationResolved, .scenarioAdded:
            false
        case .proposalRaised, .decisionRecorded, .proposalDeferred, .actionAdded, .actionDone, .actionCancelled, .actionReassigned: true
        }
    }
}

/// A cycle began, pinned to one exact workflow version.
public struct CycleOpened: Sendable, Equatable, Codable {
    public var workflow: String
    /// SHA-256 of the workflow file's text: the version the cycle runs on, whatever the file says later.
    public var workflowHash: String
    public init(workflow: String, workflowHash: String) {
        self.workflow = workflow
        self.workflowHash = workflowHash
    }
}

/// An input of a stage was submitted (or resubmitted): a stored file, a note, or a link.
public struct InputSubmitted: Sendable, Equatable, Codable {
    public var stage: String
    public var input: String
    /// 1 for the first submission of this input in the cycle, then 2, 3...
    public var version: Int
    public var content: SubmittedContent
    public init(stage: String, input: String, version: Int, content: SubmittedContent) {
        self.stage = stage
        self.input = input
        self.version = version
        self.content = content
    }
}

/// What was handed in for an input.
public enum SubmittedContent: Sendable, Equatable, Codable {
    /// A file stored in the database's artifacts, addressed by the SHA-256 of its bytes.
    case file(name: String, sha256: String, size: Int)
    case note(String)
    case link(String)

    public var summary: String {
        switch self {
        case .file(let name, let sha, let size): "file \(name) (\(size.counted("byte")), sha256 \(sha.prefix(12)))"
        case .note(let text): "note \"\(text.count > 60 ? String(text.prefix(57)) + "..." : text)\""
        case .link(let url): "link \(url)"
        }
    }
}

/// A participant signed off a stage for one role, on the versions its inputs and upstream stages had then.
public struct SignedOff: Sendable, Equatable, Codable {
    public var stage: String
    public var role: String
    public var comment: String?
    public var basis: SignoffBasis
    public init(stage: String, role: String, comment: String?, basis: SignoffBasis) {
        self.stage = stage
        self.role = role
        self.comment = comment
        self.basis = basis
    }
}

/// The versions a sign-off approved; when any changes, the sign-off is stale.
public struct SignoffBasis: Sendable, Equatable, Codable {
    /// Input id -> submission version.
    public var inputs: [String: Int]
    /// Upstream stage id -> how many times it had been completed (done or waived).
    public var upstream: [String: Int]
    public init(inputs: [String: Int], upstream: [String: Int]) {
        self.inputs = inputs
        self.upstream = upstream
    }
}

/// A reviewer sent a stage back: the named inputs must be resubmitted and its sign-offs are cleared.
public struct Rejected: Sendable, Equatable, Codable {
    public var stage: String
    public var reason: String
    public var inputs: [String]
    public init(stage: String, reason: String, inputs: [String]) {
        self.stage = stage
        self.reason = reason
        self.inputs = inputs
    }
}

/// The leader excused a stage this month; it counts as done for gates.
public struct Waived: Sendable, Equatable, Codable {
    public var stage: String
    public var reason: String
    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }
}

/// The leader closed the month.
public struct CycleClosed: Sendable, Equatable, Codable {
    public init() {}
}
