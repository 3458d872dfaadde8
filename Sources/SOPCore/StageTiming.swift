import Foundation

/// Where a stage stands against its due date on a given day: what `status`, `why`, `calendar`,
/// `agenda`, the escalation ladders and `metrics` all read, so they can never disagree.
///
/// Two things are measured. A stage's *delivery* is its first completion in the cycle, judged
/// against the due day it had then; a later reopening does not undo it, and once the stage is done
/// again every view shows that verdict. A stage reopened after it was done is *rework*: it is due
/// again on the day it reopened (or on its due day, when that is later), so its lateness and its
/// ladder count from there and a stage reopened late in the month starts at the ladder's first step.
public struct StageTiming: Sendable, Equatable {
    /// The workflow's rule, if the stage has one.
    public var rule: DueRule?
    /// The due day; nil without a rule, or while a relative rule's anchor stage is not yet done.
    public var due: Day?
    /// The day the stage was last done or waived, while it is.
    public var completedOn: Day?
    /// The day the stage was first done or waived in this cycle, if it ever was.
    public var deliveredOn: Day?
    /// While a stage that was done before is not complete again: the day it last reopened.
    public var reopenedOn: Day?
    /// The stage is late on every workday after `lateAfter` up to and including `lateUntil`: the due
    /// day (or, for rework, the later of it and the day it reopened) to the delivery day, the close,
    /// or today. Nil when there is no due day to be late against.
    public var lateAfter: Day?
    public var lateUntil: Day?
    /// Workdays from `lateAfter` to `lateUntil`: how late the delivery was (complete), or how late
    /// the stage is (not complete).
    public var workdaysLate: Int
    /// Workdays from today to `due` while the stage is not complete and today is not past `due`.
    public var workdaysLeft: Int?
    /// The workdays the stage's escalation ladder counts: its lateness, less the workdays before its
    /// gate was first met (a late upstream held it, and that stage's ladder did the chasing).
    public var workdaysChased: Int
    /// How the stage's delivery fared, as `metrics` counts it.
    public var delivery: StageDelivery

    /// Not complete, and past due.
    public var isOverdue: Bool { completedOn == nil && workdaysLate > 0 }
    /// Done before, and not complete again yet.
    public var isRework: Bool { reopenedOn != nil }
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
            return workflow.calendar.adding(workdays: n, to: workflow.calendar.day(containing: completed))
        }
    }

    /// The stage's timing on `today`: the one rule of lateness. A closed cycle's open stages stop
    /// counting at the close.
    public func timing(of stage: Stage, today: Day) -> StageTiming {
        let record = record(stage.id)
        let calendar = workflow.calendar
        let due = dueDate(of: stage)
        let complete = record.state.isComplete
        let completedOn = complete ? record.completedAt.map(calendar.day(containing:)) : nil
        let delivered = record.delivery
        let deliveredOn = delivered.map { calendar.day(containing: $0.at) }
        let reopenedOn = !complete && delivered != nil ? record.reopenedAt.map(calendar.day(containing:)) : nil
        let now = closedAt.map(calendar.day(containing:)) ?? today

        let lateAfter: Day?
        let lateUntil: Day
        if complete, let delivered, let deliveredOn {
            // Complete: the verdict is the delivery's, whatever happened since.
            lateAfter = delivered.due
            lateUntil = deliveredOn
        } else if let reopenedOn {
            // Rework is due again the day it reopened, never earlier than the due day itself.
            lateAfter = due.map { max($0, reopenedOn) }
            lateUntil = now
        } else {
            lateAfter = due
            lateUntil = completedOn ?? now
        }
        let late = lateAfter.map { calendar.workdaysBetween($0, lateUntil) } ?? 0

        var left: Int?
        // On a weekend right after the due day it is neither left nor yet late: say nothing.
        if !complete, !isClosed, let due, late == 0, today <= due { left = calendar.workdaysBetween(today, due) }

        var chased = 0
        if !complete, late > 0, let lateAfter {
            let opened = record.gateMetAt.map(calendar.day(containing:)) ?? lateAfter
            chased = calendar.workdaysBetween(max(lateAfter, opened), today)
        }

        let delivery: StageDelivery
        if stage.due == nil {
            delivery = .noDueDate
        } else if let delivered {
            // A valid workflow's relative due date counts from an upstream stage, which is done before
            // this one can be; without a due day at delivery there was nothing to be late for.
            if delivered.byWaiver {
                delivery = .waived
            } else if let was = delivered.due, let deliveredOn {
                let n = calendar.workdaysBetween(was, deliveredOn)
                delivery = n > 0 ? .late(workdays: n) : .onTime
            } else {
                delivery = .noDueDate
            }
        } else {
            delivery = !complete && late > 0 ? .overdue(workdays: late) : .pending
        }

        return StageTiming(
            rule: stage.due, due: due, completedOn: completedOn, deliveredOn: deliveredOn, reopenedOn: reopenedOn,
            lateAfter: lateAfter, lateUntil: lateAfter == nil ? nil : lateUntil, workdaysLate: late, workdaysLeft: left,
            workdaysChased: chased, delivery: delivery)
    }
}

/// Counts in words, the same in every message.
public enum Plural {
    public static func workdays(_ n: Int) -> String { n.counted("workday") }
}
