import Foundation

/// Which earlier cycle a cycle looks back to, and what comes with it: the previous meeting the agenda
/// counts new proposals from, and the cycle an action was carried over from. One rule each, used by
/// the agenda, `status` and `actions`.
extension PreviousMeeting {
    /// The cycle just before `id` among the database's cycles: the latest earlier month.
    public static func cycle(before id: String, among ids: [String]) -> String? { ids.filter { $0 < id }.max() }

    /// The meeting of `earlier`: held when its meeting stage was last done (or waived); nil while it
    /// is not, or when the workflow has no meeting stage.
    public init(of earlier: CycleState) {
        let meeting = earlier.workflow.meetingStage.map { earlier.record($0.id) }
        self.init(cycle: earlier.id, heldAt: meeting?.state.isComplete == true ? meeting?.completedAt : nil)
    }
}

extension FollowUpAction {
    /// The cycle the action was carried over from into cycle `id`: the one that added it, when that
    /// is an earlier cycle; nil when `id` added it.
    public func carriedOver(into id: String) -> String? { cycle < id ? cycle : nil }
}
