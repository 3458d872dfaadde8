import Foundation

/// Where a stage stands against its due date on a given day: what `status`, `calendar`, the
/// escalation ladders and `metrics` all measure, so they can never disagree.
public struct StageTiming: Sendable, Equatable {
    /// The workflow's rule, if the stage has one.
    public var rule: DueRule?
    /// The due day; nil without a rule, or while a relative rule's anchor stage is not yet done.
    public var due: Day?
    /// The day the stage was last done or waived, while it is.
    public var completedOn: Day?
    /// Workdays from `due` to the completion day (done late) or to today (still open past due).
    public var workdaysLate: Int
    /// Workdays from today to `due` while the stage is not complete and today is not past `due`.
    public var workdaysLeft: Int?

    /// Not complete, and past due.
    public var isOverdue: Bool { completedOn == nil && workdaysLate > 0 }
}

extension CycleState {
    /// The due day of a stage in this cycle. A `due: { after: STAGE, workdays: N }` stage has one only
    /// once STAGE is done or waived: N workdays after the day it last completed.
    public func dueDate(of stage: Stage) -> Day? {
        switch stage.due {
        case nil:
            return nil
        case .workday(let n)?:
            guard let month = CycleMonth(id) else { return nil }
            return workflow.calendar.workday(n, of: month)
        case .after(let anchor, let n)?:
            let record = record(anchor)
            guard record.state.isComplete, let completed = record.completedAt else { return nil }
            return workflow.calendar.adding(workdays: n, to: Day(containing: completed))
        }
    }

    /// The stage's timing on `today`. A closed cycle's open stages stop counting at the close.
    public func timing(of stage: Stage, today: Day) -> StageTiming {
        let record = record(stage.id)
        let due = dueDate(of: stage)
        let completedOn = record.state.isComplete ? record.completedAt.map { Day(containing: $0) } : nil
        let calendar = workflow.calendar
        let measuredTo = completedOn ?? closedAt.map { Day(containing: $0) } ?? today
        let late = due.map { calendar.workdaysBetween($0, measuredTo) } ?? 0
        var left: Int?
        // On a weekend right after the due day it is neither left nor yet late: say nothing.
        if completedOn == nil, !isClosed, let due, late == 0, today <= due { left = calendar.workdaysBetween(today, due) }
        return StageTiming(rule: stage.due, due: due, completedOn: completedOn, workdaysLate: late, workdaysLeft: left)
    }
}

/// Counts in words, the same in every message.
public enum Plural {
    public static func workdays(_ n: Int) -> String { n.counted("workday") }
}
