/// Which committed events a participant's REPL shows as they happen (the live REPL): the work of the
/// cycle that others do — inputs, sign-offs, rejections, waivers, cycles opened, closed or cancelled,
/// proposals, decisions, actions, scenarios — and an escalation only to those it told. Resolved
/// escalations follow from work that is already shown, so they are not shown again.
public enum LiveAudience {
    /// Whether `event` is news for `participant` (nil: nobody is acting yet, who still sees the work).
    public static func shows(_ event: CycleEvent, to participant: String?) -> Bool {
        switch event.payload {
        case .escalationRaised(let raised): participant.map(raised.told.contains) ?? false
        case .escalationResolved: false
        case .cycleOpened, .inputSubmitted, .signedOff, .rejected, .waived, .cycleClosed, .cycleCancelled, .proposalRaised,
            .decisionRecorded, .proposalDeferred, .actionAdded, .actionDone, .actionCancelled, .actionReassigned, .scenarioAdded:
            true
        }
    }
}

/// A stage that one event moved, or whose sign-offs it made stale: what the live line adds after the
/// event, since a resubmission that reopens a stage (or a sign-off that opens the next ones) is what
/// the other participants need to hear.
public struct StageMove: Sendable, Equatable {
    public var stage: String
    public var from: StageState
    public var to: StageState
    /// Sign-offs of the stage the event made stale.
    public var staleSignoffs: Int

    public init(stage: String, from: StageState, to: StageState, staleSignoffs: Int = 0) {
        self.stage = stage
        self.from = from
        self.to = to
        self.staleSignoffs = staleSignoffs
    }
}

extension CycleState {
    /// The stages that moved from `before` to this state, in workflow order, with sign-offs made stale.
    public func moves(since before: CycleState) -> [StageMove] {
        workflow.stages.compactMap { stage in
            let from = before.state(of: stage.id)
            let to = state(of: stage.id)
            let stale = newlyStaleSignoffs(of: stage, since: before).count
            guard from != to || stale > 0 else { return nil }
            return StageMove(stage: stage.id, from: from, to: to, staleSignoffs: stale)
        }
    }
}
