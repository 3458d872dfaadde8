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
