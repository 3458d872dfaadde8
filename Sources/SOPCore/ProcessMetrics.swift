import Foundation

/// Process-health figures over a window of cycles (`metrics`): not how good the plan was, but how well
/// the process ran — were stages delivered on time, how long did sign-offs take, how fast did the
/// executives decide, were follow-up actions done when promised.
///
/// Every rate counts only what could be judged: a stage not done and not yet due, or an open action
/// not yet due, is pending and in no denominator; a waived stage or a cancelled action is counted
/// apart, never as on time or late. Nil (JSON `null`) means there was nothing to measure.
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
    public var onTimeRate: Double?
    /// Median workdays past due over the late and the overdue cycles; nil when none was.
    public var medianWorkdaysLate: Double?
    /// Median calendar hours from entering review to done, over every review that ended done.
    public var medianSignoffWaitHours: Double?
    /// How many reviews ended done (what the median above is taken over).
    public var signoffs: Int

    enum CodingKeys: String, CodingKey {
        case id, title, cycles, measured, onTime, late, overdue, waived, pending, onTimeRate, medianWorkdaysLate,
            medianSignoffWaitHours, signoffs
    }

    // Written by hand so that "nothing to measure" is an explicit null, not a missing key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(cycles, forKey: .cycles)
        try c.encode(measured, forKey: .measured)
        try c.encode(onTime, forKey: .onTime)
        try c.encode(late, forKey: .late)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(waived, forKey: .waived)
        try c.encode(pending, forKey: .pending)
        try c.encode(onTimeRate, forKey: .onTimeRate)
        try c.encode(medianWorkdaysLate, forKey: .medianWorkdaysLate)
        try c.encode(medianSignoffWaitHours, forKey: .medianSignoffWaitHours)
        try c.encode(signoffs, forKey: .signoffs)
    }
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
    public var medianLatencyDays: Double?
    public var maxLatencyDays: Double?

    enum CodingKeys: String, CodingKey { case decided, undecided, deferred, medianLatencyDays, maxLatencyDays }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decided, forKey: .decided)
        try c.encode(undecided, forKey: .undecided)
        try c.encode(deferred, forKey: .deferred)
        try c.encode(medianLatencyDays, forKey: .medianLatencyDays)
        try c.encode(maxLatencyDays, forKey: .maxLatencyDays)
    }
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
    public var onTimeRate: Double?
    /// Median workdays past due over the late and the overdue actions.
    public var medianWorkdaysLate: Double?

    enum CodingKeys: String, CodingKey { case measured, onTime, late, overdue, pending, cancelled, onTimeRate, medianWorkdaysLate }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(measured, forKey: .measured)
        try c.encode(onTime, forKey: .onTime)
        try c.encode(late, forKey: .late)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(pending, forKey: .pending)
        try c.encode(cancelled, forKey: .cancelled)
        try c.encode(onTimeRate, forKey: .onTimeRate)
        try c.encode(medianWorkdaysLate, forKey: .medianWorkdaysLate)
    }
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
