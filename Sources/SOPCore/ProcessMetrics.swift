import Foundation

/// Process-health figures over a window of cycles (`metrics`): not how good the plan was, but how well
/// the process ran — were stages delivered on time, how long did sign-offs take, how fast did the
/// executives decide, were follow-up actions done when promised.
///
/// Every rate counts only what could be judged: a stage not done and not yet due, or an open action
/// not yet due, is pending and in no denominator; a waived stage or a cancelled action is counted
/// apart, never as on time or late. Nil (JSON `null`, through `@Nullable`) means there was nothing to measure.
public struct ProcessMetrics: Sendable, Equatable, Codable {
    /// The cycles measured, oldest first.
    public var cycles: [String]
    public var today: Day
    public var stages: [StageMetrics]
    public var decisions: DecisionMetrics
    public var actions: ActionMetrics

    public init(cycles: [String], today: Day, stages: [StageMetrics], decisions: DecisionMetrics, actions: ActionMetrics) {
        self.cycles = cycles
        self.today = today
        self.stages = stages
        self.decisions = decisions
        self.actions = actions
    }
}

/// One stage across the window.
public struct StageMetrics: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    /// Cycles in the window whose workflow has this stage.
    public var cycles: Int
    /// onTime + late + overdue: the cycles in which the stage could be judged against its due date.
    public var measured: Int
    /// First done on or before the due day.
    public var onTime: Int
    /// First done after the due day (by at least one workday).
    public var late: Int
    /// Never done and past due on today.
    public var overdue: Int
    /// Waived before it was ever done.
    public var waived: Int
    /// Not done and not yet due.
    public var pending: Int
    /// onTime / measured; nil when nothing was measured.
    @Nullable public var onTimeRate: Double?
    /// Median workdays past due over the late and the overdue cycles; nil when none was.
    @Nullable public var medianWorkdaysLate: Double?
    /// Median calendar hours from entering review to done, over every review that ended done.
    @Nullable public var medianSignoffWaitHours: Double?
    /// How many reviews ended done (what the median above is taken over).
    public var signoffs: Int

}

/// Decision latency of the proposals raised in the window.
public struct DecisionMetrics: Sendable, Equatable, Codable {
    /// Proposals raised in the window that have a decision.
    public var decided: Int
    /// Proposals raised in the window still without one (deferred ones included).
    public var undecided: Int
    /// Proposals raised in the window that were deferred at least once.
    public var deferred: Int
    /// Median calendar days from the proposal to the first decision answering it.
    @Nullable public var medianLatencyDays: Double?
    @Nullable public var maxLatencyDays: Double?

}

/// Follow-up actions added in the window, against their due dates.
public struct ActionMetrics: Sendable, Equatable, Codable {
    /// onTime + late + overdue.
    public var measured: Int
    /// Done with no workday past the due day: on or before it, or over the weekend that follows it.
    public var onTime: Int
    /// Done at least one workday after the due day.
    public var late: Int
    /// Open and at least one workday past due on today.
    public var overdue: Int
    /// Open and not yet past due.
    public var pending: Int
    /// Cancelled: not in any rate.
    public var cancelled: Int
    @Nullable public var onTimeRate: Double?
    /// Median workdays past due over the late and the overdue actions.
    @Nullable public var medianWorkdaysLate: Double?

}

extension ProcessMetrics {
    /// The middle value; of an even count, the mean of the two middle values. Nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
