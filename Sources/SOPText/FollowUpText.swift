import SOPCore

/// `proposals`, `decisions` and `actions`: one Encodable row per item (what `--json` prints) and the
/// table drawn from those same rows, so the text can never show what the JSON does not say. A table's
/// last column wraps within `width` (the terminal's, in the REPL); nil keeps each row on one line, as
/// a script reading the output expects.
public enum FollowUpText {
    public struct ProposalJSON: Encodable, Sendable {
        public var id: String
        public var state: ProposalState
        public var cycle: String
        public var raisedBy: String
        public var raisedAt: String
        public var text: String
        public var stage: String?
        public var options: [String]
        public var decision: String?
        public var deferredTo: String?
        public var deferrals: [DeferralJSON]
        public init(_ p: Proposal, viewer: String) {
            id = p.label
            state = p.state(in: viewer)
            cycle = p.cycle
            raisedBy = p.by
            raisedAt = Stamp.minute(p.at)
            text = p.text
            stage = p.stage
            options = p.options
            decision = p.decision.map(FollowUpKind.decision.label)
            deferredTo = p.deferrals.last?.to
            deferrals = p.deferrals.map { DeferralJSON(from: $0.from, to: $0.to, reason: $0.reason, by: $0.by, at: Stamp.minute($0.at)) }
        }
    }

    public struct DeferralJSON: Encodable, Sendable {
        public var from: String
        public var to: String
        public var reason: String
        public var by: String
        public var at: String
    }

    public struct DecisionJSON: Encodable, Sendable {
        public var id: String
        public var cycle: String
        public var by: String
        public var at: String
        public var text: String
        public var rationale: String
        public var option: String?
        public var proposal: String?
        public var supersedes: String?
        public var supersededBy: String?
        public var inForce: Bool
        public init(_ d: Decision) {
            id = d.label
            cycle = d.cycle
            by = d.by
            at = Stamp.minute(d.at)
            text = d.text
            rationale = d.rationale
            option = d.option
            proposal = d.proposal.map(FollowUpKind.proposal.label)
            supersedes = d.supersedes.map(FollowUpKind.decision.label)
            supersededBy = d.supersededBy.map(FollowUpKind.decision.label)
            inForce = d.isInForce
        }
    }

    public struct ActionJSON: Encodable, Sendable {
        public var id: String
        public var state: ActionState
        public var title: String
        public var owner: String
        public var due: String
        public var overdue: Bool
        /// Workdays past due while open.
        public var overdueDays: Int
        /// The cycle it was added in; differs from the cycle shown when it was carried over.
        public var cycle: String
        public var carriedOver: Bool
        public var decision: String?
        public var stage: String?
        public var addedBy: String
        public var closedBy: String?
        public var closedIn: String?
        public var note: String?
        public init(_ a: FollowUpAction, viewer: String, today: Day, calendar: WorkCalendar) {
            id = a.label
            state = a.state
            title = a.title
            owner = a.owner
            due = a.due.description
            overdue = a.isOverdue(on: today)
            overdueDays = a.workdaysOverdue(on: today, calendar: calendar)
            cycle = a.cycle
            carriedOver = a.carriedOver(into: viewer) != nil
            decision = a.decision.map(FollowUpKind.decision.label)
            stage = a.stage
            addedBy = a.by
            closedBy = a.closedBy
            closedIn = a.closedIn
            note = a.closingNote
        }
    }

    /// The proposals table, the last column wrapped within `width`.
    public static func proposals(_ rows: [ProposalJSON], width: Int?) -> String {
        var table = TextTable(["ID", "STATE", "RAISED", "BY", "STAGE", "PROPOSAL"], width: width)
        for p in rows {
            var what = p.text
            if !p.options.isEmpty { what += " [options: \(p.options.joined(separator: " | "))]" }
            var state = p.state.rawValue
            if let decision = p.decision { state += " \(decision)" } else if p.state == .deferred, let to = p.deferredTo { state += " to \(to)" }
            if p.state == .open, let from = p.deferrals.last?.from { state += " (from \(from))" }
            table.add([p.id, state, p.cycle, p.raisedBy, p.stage ?? "-", what])
        }
        return table.rendered
    }

    /// The decisions table: what was decided, then its rationale and how it relates to the others,
    /// all in the last column so it wraps within `width`.
    public static func decisions(_ rows: [DecisionJSON], width: Int?) -> String {
        var table = TextTable(["ID", "CYCLE", "BY", "AT (UTC)", "DECISION"], width: width)
        for d in rows {
            var what = d.text + (d.option.map { " [option: \($0)]" } ?? "") + " — rationale: \(d.rationale)"
            if let p = d.proposal { what += "; on \(p)" }
            if let old = d.supersedes { what += "; supersedes \(old)" }
            if let newer = d.supersededBy { what += "; SUPERSEDED by \(newer)" }
            table.add([d.id, d.cycle, d.by, d.at, what])
        }
        return table.rendered
    }

    /// The actions table, the last column wrapped within `width`.
    public static func actions(_ rows: [ActionJSON], width: Int?) -> String {
        var table = TextTable(["ID", "STATE", "OWNER", "DUE", "FROM", "ACTION"], width: width)
        for a in rows {
            var due = a.due
            if a.overdue { due += " (\(a.overdueDays) late)" }
            var what = a.title
            if let d = a.decision { what += " (\(d))" }
            if let note = a.note { what += " — \(a.state == .cancelled ? "cancelled" : "done"): \(note)" }
            table.add([a.id, a.state.rawValue, a.owner, due, a.carriedOver ? "\(a.cycle) (carried over)" : a.cycle, what])
        }
        return table.rendered
    }
}
