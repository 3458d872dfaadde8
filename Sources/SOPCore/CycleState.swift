import Foundation

/// The state of one cycle: the fold of its events over the workflow version it pinned.
///
/// Raw facts (latest submission per input, latest sign-off per role, waivers) are kept per stage; each
/// stage's `StageState` is derived from them after every event, upstream first, so that the moment a
/// stage stops being complete (and the event that caused it) is known to the stages downstream.
public struct CycleState: Sendable {
    public let id: String
    public let workflow: Workflow
    public let workflowHash: String
    public private(set) var openedAt: Date
    public private(set) var openedBy: String
    public private(set) var closedAt: Date?
    /// When the leader cancelled the cycle, and why (`cycle cancel`).
    public private(set) var cancelledAt: Date?
    public private(set) var cancelReason: String?
    public private(set) var stages: [String: StageRecord]
    /// What-if plans added this cycle (`scenario add`), oldest first.
    public private(set) var scenarios: [Scenario] = []
    /// How many events were folded; the next event's position in this cycle.
    public private(set) var eventCount: Int
    /// `dependencyOrder`, worked out once: every event settles the stages in this order.
    private let settleOrder: [Stage]

    public var isClosed: Bool { closedAt != nil }
    public var isCancelled: Bool { cancelledAt != nil }
    /// `open`, `closed` or `cancelled`: the cycle's state in `cycle list`, `status` and their JSON.
    public var stateWord: String { isCancelled ? "cancelled" : isClosed ? "closed" : "open" }

    /// Starts a cycle from its `cycle-opened` event.
    public init(opening event: CycleEvent, workflow: Workflow, workflowHash: String) {
        id = event.cycle
        self.workflow = workflow
        self.workflowHash = workflowHash
        openedAt = event.time
        openedBy = event.actor
        closedAt = nil
        cancelledAt = nil
        cancelReason = nil
        stages = Dictionary(uniqueKeysWithValues: workflow.stages.map { ($0.id, StageRecord()) })
        eventCount = 1
        settleOrder = Self.dependencyOrder(of: workflow)
        settle(cause: .cycleOpened, at: event.time)
    }

    /// Folds a whole event list (the first must be the cycle's `cycle-opened`).
    public static func fold(_ events: [CycleEvent], workflow: Workflow) -> CycleState? {
        guard let first = events.first, case .cycleOpened(let opened) = first.payload else { return nil }
        var state = CycleState(opening: first, workflow: workflow, workflowHash: opened.workflowHash)
        for event in events.dropFirst() { state.apply(event) }
        return state
    }

    public func record(_ stage: String) -> StageRecord { stages[stage] ?? StageRecord() }
    public func state(of stage: String) -> StageState { record(stage).state }

    /// Applies one event. Events were validated when they were decided; applying never refuses.
    public mutating func apply(_ event: CycleEvent) {
        eventCount += 1
        let who = event.actor
        // What `why` and stale reasons downstream say took a stage out of done.
        let cause: ReopenCause
        switch event.payload {
        case .cycleOpened:
            return
        case .cycleClosed:
            closedAt = event.time
            return
        case .cycleCancelled(let e):
            cancelledAt = event.time
            cancelReason = e.reason
            return
        case .scenarioAdded(let e):
            // A scenario is an alternative beside the input, not a new version of it: no stage moves.
            scenarios.append(Scenario(name: e.name, stage: e.stage, input: e.input, by: who, at: event.time, content: e.content))
            return
        case .proposalRaised, .decisionRecorded, .proposalDeferred, .actionAdded, .actionDone, .actionCancelled, .actionReassigned,
            .escalationRaised, .escalationResolved:
            // Follow-up items and escalations are folded by their own registers; they change no stage.
            return
        case .inputSubmitted(let e):
            stages[e.stage, default: StageRecord()].inputs[e.input] = SubmissionRecord(
                version: e.version, by: who, at: event.time, content: e.content, rejection: nil)
            cause = .inputSubmitted(input: e.input, by: who, at: event.time, version: e.version)
        case .signedOff(let e):
            stages[e.stage, default: StageRecord()].signoffs[e.role] = SignoffRecord(
                role: e.role, by: who, at: event.time, comment: e.comment, basis: e.basis)
            cause = .signedOff(stage: e.stage, role: e.role, by: who)
        case .rejected(let e):
            let rejection = RejectionRecord(by: who, at: event.time, reason: e.reason)
            for input in e.inputs { stages[e.stage, default: StageRecord()].inputs[input]?.rejection = rejection }
            stages[e.stage, default: StageRecord()].signoffs = [:]
            stages[e.stage, default: StageRecord()].lastRejection = rejection
            cause = .rejected(stage: e.stage, by: who, at: event.time, reason: e.reason)
        case .waived(let e):
            stages[e.stage, default: StageRecord()].waiver = WaiverRecord(by: who, at: event.time, reason: e.reason)
            cause = .waived(stage: e.stage, by: who)
        }
        settle(cause: cause, at: event.time)
    }

    /// Whether `apply` reads an event of this type. The others (a second `cycle-opened`, follow-up items,
    /// escalations) are only counted, so a reader may `count` them without decoding their payloads.
    public static func reads(_ type: EventType) -> Bool {
        switch type {
        case .inputSubmitted, .signedOff, .rejected, .waived, .cycleClosed, .cycleCancelled, .scenarioAdded: true
        case .cycleOpened, .proposalRaised, .decisionRecorded, .proposalDeferred, .actionAdded, .actionDone, .actionCancelled,
            .actionReassigned, .escalationRaised, .escalationResolved:
            false
        }
    }

    /// What `apply` does with an event of a type it does not read (`reads` is false): count it.
    public mutating func count(_ type: EventType) {
        precondition(!Self.reads(type), "\(type.rawValue) events change the cycle: apply them")
        eventCount += 1
    }

    /// Re-derives every stage's state in workflow order (a valid workflow lists gates before... not
    /// necessarily, so walk in dependency order) and records completions and reopenings.
    private mutating func settle(cause: ReopenCause, at time: Date) {
        for stage in settleOrder {
            var record = stages[stage.id] ?? StageRecord()
            let before = record.state
            if stage.after.allSatisfy({ state(of: $0).isComplete }), !record.gateMetOnce {
                record.gateMetOnce = true
                record.gateMetAt = time
            }
            record.state = derive(stage, record)
            if record.state != before || record.stateSince == nil { record.stateSince = time }
            if record.state.isComplete && !before.isComplete {
                record.completions += 1
                record.completedAt = time
                record.reopenedBecause = nil
                if record.delivery == nil {
                    // The first completion is the stage's delivery, judged against the due day it had then.
                    record.delivery = StageRecord.Delivery(at: time, byWaiver: record.state == .waived, due: dueDate(of: stage))
                }
            } else if before.isComplete && !record.state.isComplete {
                record.reopenedBecause = cause
                record.reopenedAt = time
            }
            stages[stage.id] = record
        }
    }

    private func derive(_ stage: Stage, _ record: StageRecord) -> StageState {
        if record.waiver != nil { return .waived }
        if !record.gateMetOnce { return .waiting }
        if stage.inputs.contains(where: { record.inputs[$0.id]?.isCurrent != true }) { return .open }
        let allSigned = stage.signoffs.allSatisfy { role in
            record.signoffs[role].map { staleness(of: $0, in: stage) == nil } ?? false
        }
        return allSigned ? .done : .review
    }

    /// Why a sign-off no longer counts, or nil while it is current.
    public func staleness(of signoff: SignoffRecord, in stage: Stage) -> StaleReason? {
        let record = record(stage.id)
        for input in stage.inputs {
            let current = record.inputs[input.id]
            if current?.version != signoff.basis.inputs[input.id], let current {
                return .inputSubmitted(input: input.id, by: current.by, at: current.at, version: current.version)
            }
        }
        for upstream in stage.after {
            let up = self.record(upstream)
            if !up.state.isComplete {
                return .upstreamReopened(upstream: upstream, state: up.state, because: up.reopenedBecause)
            }
            if up.completions != signoff.basis.upstream[upstream] {
                return .upstreamCompletedAgain(upstream: upstream, at: up.completedAt)
            }
        }
        return nil
    }

    /// What a sign-off made now would record.
    public func currentBasis(of stage: Stage) -> SignoffBasis {
        let record = record(stage.id)
        var inputs: [String: Int] = [:]
        for input in stage.inputs { inputs[input.id] = record.inputs[input.id]?.version ?? 0 }
        var upstream: [String: Int] = [:]
        for id in stage.after { upstream[id] = self.record(id).completions }
        return SignoffBasis(inputs: inputs, upstream: upstream)
    }

    /// Stages ordered so each comes after every stage in its gate (workflow order where free).
    public var dependencyOrder: [Stage] { settleOrder }

    private static func dependencyOrder(of workflow: Workflow) -> [Stage] {
        var placed: Set<String> = []
        var order: [Stage] = []
        var remaining = workflow.stages
        while !remaining.isEmpty {
            let ready = remaining.filter { $0.after.allSatisfy { placed.contains($0) || workflow.stage($0) == nil } }
            // A cycle in `after:` is refused when the workflow is read; place the rest as listed anyway.
            let batch = ready.isEmpty ? remaining : ready
            for stage in batch { placed.insert(stage.id) }
            order += batch
            remaining.removeAll { placed.contains($0.id) }
        }
        return order
    }

    /// Stages downstream of `id`, transitively, in workflow order.
    public func downstream(of id: String) -> [Stage] {
        var found: Set<String> = [id]
        var changed = true
        while changed {
            changed = false
            for stage in workflow.stages where !found.contains(stage.id) && stage.after.contains(where: found.contains) {
                found.insert(stage.id)
                changed = true
            }
        }
        return workflow.stages.filter { $0.id != id && found.contains($0.id) }
    }
}

/// The raw facts of one stage in one cycle, and its derived state.
public struct StageRecord: Sendable, Equatable {
    public internal(set) var state: StageState = .waiting
    /// Latest submission per input id.
    public internal(set) var inputs: [String: SubmissionRecord] = [:]
    /// Latest sign-off per role (current or stale).
    public internal(set) var signoffs: [String: SignoffRecord] = [:]
    public internal(set) var waiver: WaiverRecord?
    public internal(set) var lastRejection: RejectionRecord?
    /// Once the gate has been met, the stage stays workable even if an upstream stage reopens; its
    /// sign-offs go stale instead (README, "How it behaves": downstream stages drop back to review, not to waiting).
    public internal(set) var gateMetOnce = false
    /// When the gate was first met: the stage could be worked from then on.
    public internal(set) var gateMetAt: Date?
    /// How many times the stage became done or waived; sign-offs downstream record it.
    public internal(set) var completions = 0
    public internal(set) var completedAt: Date?
    /// When the stage entered its current state: how long it has waited in review, for the sign-off
    /// escalation and the metrics.
    public internal(set) var stateSince: Date?
    /// The change that last took the stage out of done, for `why` and stale reasons downstream.
    public internal(set) var reopenedBecause: ReopenCause?
    /// When the change that last took the stage out of done happened: a reopened stage's lateness
    /// and ladder count from that day when it is after the due day (`timing(of:today:)`).
    public internal(set) var reopenedAt: Date?
    /// The first time the stage was done or waived in the cycle; later completions do not change it.
    public internal(set) var delivery: Delivery?

    /// A stage's first completion in a cycle: what `metrics` counts, and what every view calls "on
    /// time" or "N late" once the stage is complete again after a reopening.
    public struct Delivery: Sendable, Equatable {
        public var at: Date
        /// Waived rather than done: excused, neither on time nor late.
        public var byWaiver: Bool
        /// The due day the stage had at that moment (a relative one counts from its anchor as it stood then).
        public var due: Day?
    }
}

/// The latest submission of one input.
public struct SubmissionRecord: Sendable, Equatable {
    public var version: Int
    public var by: String
    public var at: Date
    public var content: SubmittedContent
    public var rejection: RejectionRecord?
    public var isCurrent: Bool { rejection == nil }
}

public struct SignoffRecord: Sendable, Equatable {
    public var role: String
    public var by: String
    public var at: Date
    public var comment: String?
    public var basis: SignoffBasis
}

public struct RejectionRecord: Sendable, Equatable {
    public var by: String
    public var at: Date
    public var reason: String
}

public struct WaiverRecord: Sendable, Equatable {
    public var by: String
    public var at: Date
    public var reason: String
}

/// The one way a time is written, everywhere: messages, tables, JSON and the stored record. Always
/// UTC, so two machines never write the same moment two ways. Pure (no clock): it formats the `Date`
/// it is given. It lives in SOPCore, not SOPText, because refusals (the clock rule, a closed action)
/// name a time too.
public enum Stamp {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    /// `2026-11-05 09:00Z`: messages, tables and `--json` times.
    public static func minute(_ date: Date) -> String {
        let p = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = Day(year: p.year ?? 1970, month: p.month ?? 1, day: p.day ?? 1)
        return "\(day) \(String(pad2: p.hour ?? 0)):\(String(pad2: p.minute ?? 0))Z"
    }

    /// `2026-11-05 09:00:07Z`: the access log's table, where refused attempts come in bursts.
    public static func second(_ date: Date) -> String {
        exact(date, fractions: false).replacingOccurrences(of: "T", with: " ")
    }

    /// `2026-11-05T09:00:07.250Z`: ISO 8601 to the millisecond, as the record stores event times.
    public static func iso(_ date: Date) -> String { exact(date, fractions: true) }

    /// Reads what `iso` wrote.
    public static func parseISO(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).parse(text)
    }

    private static func exact(_ date: Date, fractions: Bool) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: fractions, timeZone: .gmt))
    }
}
