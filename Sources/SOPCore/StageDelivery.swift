import Foundation

/// One cycle's record as `metrics` reads it: its events in log order, over the workflow version it
/// pinned. The metrics replay the log rather than read the folded state, because the state keeps only
/// the latest completion and the latest review, and the process figures need the first and every one.
public struct CycleHistory: Sendable {
    public var id: String
    public var workflow: Workflow
    public var events: [CycleEvent]

    public init(id: String, workflow: Workflow, events: [CycleEvent]) {
        self.id = id
        self.workflow = workflow
        self.events = events
    }
}

/// How one stage fared against its due date in one cycle.
public enum StageDelivery: Sendable, Equatable {
    /// First done on or before its due day.
    case onTime
    /// First done this many workdays after its due day.
    case late(workdays: Int)
    /// Never done, not waived, and this many workdays past due on `today` (or at the close).
    case overdue(workdays: Int)
    /// Waived before it was ever done: excused, so neither on time nor late.
    case waived
    /// Not done yet and not yet due (or a relative due date whose anchor is not done yet).
    case pending
    /// The stage has no due date in this cycle's workflow, so there is nothing to be on time for.
    case noDueDate
}

/// What the replay of one cycle found for one stage.
public struct StageHistory: Sendable, Equatable {
    public var delivery: StageDelivery
    /// For each stay in review that ended with the stage done: how long it waited there (seconds).
    public var signoffWaits: [TimeInterval]
}

extension CycleHistory {
    /// Replays the cycle event by event and reports each stage of its workflow.
    ///
    /// A stage's delivery is what `CycleState.timing(of:today:)` says of the final state: judged on the
    /// FIRST time it became done this cycle, against the due day it had then. A later reopening (a
    /// resubmission, a stale sign-off) does not undo "it was delivered on time": the plan it delivered
    /// was used downstream, and the rework shows in the sign-off waits instead. The replay is for the
    /// sign-off waits, which the folded state does not keep.
    public func stageHistories(today: Day) -> [String: StageHistory] {
        guard let first = events.first, case .cycleOpened(let opened) = first.payload else { return [:] }
        var state = CycleState(opening: first, workflow: workflow, workflowHash: opened.workflowHash)
        var replay = Replay(stages: workflow.stages)
        replay.observe(state, at: first.time)
        for event in events.dropFirst() {
            state.apply(event)
            replay.observe(state, at: event.time)
        }
        var result: [String: StageHistory] = [:]
        for stage in workflow.stages {
            result[stage.id] = StageHistory(
                delivery: state.timing(of: stage, today: today).delivery, signoffWaits: replay.waits[stage.id] ?? [])
        }
        return result
    }
}

/// The state changes the replay watches for, stage by stage.
private struct Replay {
    let stages: [Stage]
    var previous: [String: StageState] = [:]
    /// When the stage last entered review, while it is there.
    var reviewSince: [String: Date] = [:]
    var waits: [String: [TimeInterval]] = [:]

    init(stages: [Stage]) { self.stages = stages }

    mutating func observe(_ state: CycleState, at time: Date) {
        for stage in stages {
            let now = state.state(of: stage.id)
            let before = previous[stage.id]
            guard now != before else { continue }
            previous[stage.id] = now
            if before == .review, now == .done, let since = reviewSince[stage.id] {
                waits[stage.id, default: []].append(time.timeIntervalSince(since))
            }
            reviewSince[stage.id] = now == .review ? (state.record(stage.id).stateSince ?? time) : nil
        }
    }
}
