import Foundation

/// When a figure becomes an exception the meeting must see: the workflow's `exceptions:` block.
/// The defaults are the planning suites' usual limits (a resource above 100 % is overloaded, 5 %
/// under budget is worth a question, a family forecast off by more than 40 % needs review).
public struct ExceptionThresholds: Sendable, Equatable, Codable {
    /// Utilisation (required / available) above which a resource is over capacity.
    public var overCapacity: Double
    /// Revenue this far below budget (a fraction) is an exception.
    public var belowBudget: Double
    /// A family's lag-1 WMAPE over the accuracy window above this is an exception.
    public var forecastError: Double

    public static let defaults = ExceptionThresholds(overCapacity: 1.0, belowBudget: 0.05, forecastError: 0.4)

    public init(overCapacity: Double, belowBudget: Double, forecastError: Double) {
        self.overCapacity = overCapacity
        self.belowBudget = belowBudget
        self.forecastError = forecastError
    }
}
