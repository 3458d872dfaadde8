import Foundation

/// The executive side of a cycle: what was asked to be decided, what was decided, and what follows.
///
/// These records outlive the cycle that raised them (an open action carries over until it is done;
/// a deferred proposal reappears in the month it was deferred to), so they are numbered across the
/// whole database — P-1, D-1, A-1 — and a cycle sees its own items plus the ones still live.

/// `P-3`, `D-1`, `A-12`: the printed form of a follow-up item's number.
public enum FollowUpKind: String, Sendable, Equatable, Codable, CaseIterable {
    case proposal, decision, action

    public var prefix: String {
        switch self {
        case .proposal: "P"
        case .decision: "D"
        case .action: "A"
        }
    }

    public func label(_ number: Int) -> String { "\(prefix)-\(number)" }

    /// `a proposal`, `an action`: for messages.
    public var article: String { self == .action ? "an \(rawValue)" : "a \(rawValue)" }

    /// Reads `P-3` (any case) as kind and number; nil for anything else.
    public static func parse(_ text: String) -> (kind: FollowUpKind, number: Int)? {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = allCases.first(where: { $0.prefix == parts[0] }),
            parts[1].allSatisfy(\.isASCIIDigit), let number = Int(parts[1]), number > 0
        else { return nil }
        return (kind, number)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A decision request: something the executives must decide, raised before the meeting.
public struct Proposal: Sendable, Equatable, Codable {
    public var number: Int
    /// The cycle it was raised in.
    public var cycle: String
    public var by: String
    public var at: Date
    public var text: String
    public var stage: String?
    public var options: [String]
    public var deferrals: [Deferral]
    /// The decision that answered it (the latest, when a decision was superseded).
    public var decision: Int?
    public var decidedIn: String?

    public var label: String { FollowUpKind.proposal.label(number) }
    /// The cycle that must decide it: where it was raised, or the month it was last deferred to.
    public var dueIn: String { deferrals.last?.to ?? cycle }

    /// Its state as cycle `viewer` sees it: deferred while its month has not come yet.
    public func state(in viewer: String) -> ProposalState {
        if decision != nil { return .decided }
        return dueIn > viewer ? .deferred : .open
    }
}

public enum ProposalState: String, Sendable, Equatable, Codable { case open, decided, deferred }

public struct Deferral: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var reason: String
    public var by: String
    public var at: Date
}

/// An executive decision. Never edited: a later decision may supersede it, and both stay on record.
public struct Decision: Sendable, Equatable, Codable {
    public var number: Int
    public var cycle: String
    public var by: String
    public var at: Date
    public var text: String
    public var rationale: String
    public var option: String?
    public var proposal: Int?
    public var supersedes: Int?
    public var supersededBy: Int?

    public var label: String { FollowUpKind.decision.label(number) }
    public var isInForce: Bool { supersededBy == nil }
}

/// A follow-up action with an owner and a due date; open until its owner or the leader closes it.
public struct FollowUpAction: Sendable, Equatable, Codable {
    public var number: Int
    public var cycle: String
    public var by: String
    public var at: Date
    public var title: String
    public var owner: String
    public var due: Day
    public var decision: Int?
    public var stage: String?
    public var state: ActionState
    /// Set when it was done or cancelled.
    public var closedBy: String?
    public var closedAt: Date?
    public var closedIn: String?
    /// The completion note or the cancellation reason.
    public var closingNote: String?
    public var reassignments: [Reassignment]

    public var label: String { FollowUpKind.action.label(number) }
    public var isOpen: Bool { state == .open }

    /// Past due and still open, on `today`.
    public func isOverdue(on today: Day) -> Bool { isOpen && due < today }

    /// Workdays past due on `today` while open (0 when not overdue), per the workflow calendar.
    public func workdaysOverdue(on today: Day, calendar: WorkCalendar) -> Int {
        isOverdue(on: today) ? calendar.workdaysBetween(due, today) : 0
    }
}

public enum ActionState: String, Sendable, Equatable, Codable { case open, done, cancelled }

public struct Reassignment: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var by: String
    public var at: Date
}

/// The follow-up items a cycle can see, folded from follow-up events.
///
/// The store hands in the items relevant to one cycle (its own, the live ones from earlier cycles,
/// and any a command names); `apply` updates them exactly as the events say.
public struct FollowUpRegister: Sendable, Equatable {
    public var proposals: [Int: Proposal] = [:]
    public var decisions: [Int: Decision] = [:]
    public var actions: [Int: FollowUpAction] = [:]

    public init(proposals: [Proposal] = [], decisions: [Decision] = [], actions: [FollowUpAction] = []) {
        for p in proposals { self.proposals[p.number] = p }
        for d in decisions { self.decisions[d.number] = d }
        for a in actions { self.actions[a.number] = a }
    }

    /// Items an event created or changed, for the store to save.
    public enum Item: Sendable, Equatable {
        case proposal(Proposal)
        case decision(Decision)
        case action(FollowUpAction)

        public var label: String {
            switch self {
            case .proposal(let p): p.label
            case .decision(let d): d.label
            case .action(let a): a.label
            }
        }
    }

    /// Applies one event; returns the items it touched (empty for stage events).
    @discardableResult
    public mutating func apply(_ event: CycleEvent) -> [Item] {
        let who = event.actor
        let at = event.time
        switch event.payload {
        case .proposalRaised(let e):
            let p = Proposal(
                number: e.number, cycle: event.cycle, by: who, at: at, text: e.text, stage: e.stage, options: e.options,
                deferrals: [], decision: nil, decidedIn: nil)
            proposals[e.number] = p
            return [.proposal(p)]
        case .decisionRecorded(let e):
            var touched: [Item] = []
            let d = Decision(
                number: e.number, cycle: event.cycle, by: who, at: at, text: e.text, rationale: e.rationale,
                option: e.option, proposal: e.proposal, supersedes: e.supersedes, supersededBy: nil)
            decisions[e.number] = d
            touched.append(.decision(d))
            if let old = e.supersedes, var previous = decisions[old] {
                previous.supersededBy = e.number
                decisions[old] = previous
                touched.append(.decision(previous))
            }
            if let number = e.proposal, var p = proposals[number] {
                // A superseding decision keeps the month that first decided it, where it stays listed.
                if p.decision == nil { p.decidedIn = event.cycle }
                p.decision = e.number
                proposals[number] = p
                touched.append(.proposal(p))
            }
            return touched
        case .proposalDeferred(let e):
            guard var p = proposals[e.number] else { return [] }
            p.deferrals.append(Deferral(from: event.cycle, to: e.to, reason: e.reason, by: who, at: at))
            proposals[e.number] = p
            return [.proposal(p)]
        case .actionAdded(let e):
            let a = FollowUpAction(
                number: e.number, cycle: event.cycle, by: who, at: at, title: e.title, owner: e.owner, due: e.due,
                decision: e.decision, stage: e.stage, state: .open, closedBy: nil, closedAt: nil, closedIn: nil,
                closingNote: nil, reassignments: [])
            actions[e.number] = a
            return [.action(a)]
        case .actionDone(let e):
            return close(e.number, as: .done, note: e.note, event: event)
        case .actionCancelled(let e):
            return close(e.number, as: .cancelled, note: e.reason, event: event)
        case .actionReassigned(let e):
            guard var a = actions[e.number] else { return [] }
            a.reassignments.append(Reassignment(from: a.owner, to: e.to, by: who, at: at))
            a.owner = e.to
            actions[e.number] = a
            return [.action(a)]
        case .cycleOpened, .inputSubmitted, .signedOff, .rejected, .waived, .cycleClosed, .cycleCancelled, .escalationRaised, .escalationResolved,
            .scenarioAdded:
            return []
        }
    }

    private mutating func close(_ number: Int, as state: ActionState, note: String?, event: CycleEvent) -> [Item] {
        guard var a = actions[number] else { return [] }
        a.state = state
        a.closedBy = event.actor
        a.closedAt = event.time
        a.closedIn = event.cycle
        a.closingNote = note
        actions[number] = a
        return [.action(a)]
    }

    // MARK: what one cycle sees

    /// Proposals cycle `id` lists: raised in it, deferred into or through it, or still open from before.
    public func proposals(of id: String) -> [Proposal] {
        proposals.values.filter { p in
            p.cycle == id || p.decidedIn == id || p.deferrals.contains { $0.to == id || $0.from == id }
                || (p.cycle < id && p.decision == nil && p.dueIn <= id)
        }.sorted { $0.number < $1.number }
    }

    /// Proposals cycle `id` must settle (decide or defer) before its meeting signs off and it closes.
    public func openProposals(of id: String) -> [Proposal] {
        proposals(of: id).filter { $0.state(in: id) == .open }
    }

    /// Decisions recorded in cycle `id`.
    public func decisions(of id: String) -> [Decision] {
        decisions.values.filter { $0.cycle == id }.sorted { $0.number < $1.number }
    }

    /// Actions cycle `id` shows: its own, open ones carried over from earlier cycles, and earlier ones
    /// closed during it.
    public func actions(of id: String) -> [FollowUpAction] {
        actions.values.filter { a in
            a.cycle == id || (a.cycle < id && (a.isOpen || (a.closedIn ?? "") >= id))
        }.sorted { $0.number < $1.number }
    }

    public func openActions(of id: String) -> [FollowUpAction] { actions(of: id).filter(\.isOpen) }
}
