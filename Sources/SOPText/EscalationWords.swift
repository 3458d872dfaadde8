import SOPCore

/// The words of an escalation and of its resolution, from the data its events store. Events written
/// before they stored data carry their sentence, and read as written.
public enum EscalationWords {
    /// `supply is 3 workdays late, level 2`: the list, the inbox, the notification, the log.
    public static func message(_ e: Escalation) -> String {
        e.message ?? sentence(e.subject, lateness: e.lateness ?? e.workdays, level: e.level)
    }

    public static func message(_ e: EscalationRaised) -> String {
        e.message ?? sentence(e.subject, lateness: e.lateness ?? e.workdays, level: e.level)
    }

    static func sentence(_ subject: EscalationSubject, lateness: Int, level: Int) -> String {
        let what = switch subject {
        case .lateStage(let stage): "\(stage) is \(Plural.workdays(lateness)) late"
        case .signoffWait(let stage): "\(stage) has waited \(Plural.workdays(lateness)) for sign-off"
        case .overdueAction(let number): "\(FollowUpKind.action.label(number)) is \(Plural.workdays(lateness)) overdue"
        }
        return "\(what), level \(level)"
    }

    /// Why a resolved escalation ended (`supply is done`); nil while it is live.
    public static func resolution(_ e: Escalation) -> String? {
        e.resolvedBecause ?? e.resolution.map(reason)
    }

    public static func because(_ e: EscalationResolved) -> String {
        e.because ?? e.reason.map(reason) ?? "its condition ended"
    }

    public static func reason(_ r: EscalationResolution) -> String {
        switch r {
        case .cycleCancelled(let cycle): "cycle \(cycle) was cancelled"
        case .cycleClosed(let cycle): "cycle \(cycle) is closed"
        case .stageDone(let stage): "\(stage) is done"
        case .stageWaived(let stage): "\(stage) was waived"
        case .noLongerPastDue(let stage): "\(stage) is no longer past due"
        case .wentBack(let stage, let state): "\(stage) went back to \(state.rawValue)"
        case .actionDone(let number): "\(FollowUpKind.action.label(number)) is done"
        case .actionCancelled(let number): "\(FollowUpKind.action.label(number)) was cancelled"
        }
    }
}
