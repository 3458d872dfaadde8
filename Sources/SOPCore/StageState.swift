/// Where a stage stands; exactly one at a time (README, "How it behaves").
public enum StageState: String, Sendable, Codable, CaseIterable {
    /// A stage in its `after:` gate is not yet done or waived, and the gate has never been met this cycle.
    case waiting
    /// A required input is missing or was rejected.
    case open
    /// All inputs are in; a required sign-off is missing or stale.
    case review
    /// Every required sign-off is present and current.
    case done
    /// The leader waived it; counts as done for gates.
    case waived

    /// Done or waived: what a downstream gate needs.
    public var isComplete: Bool { self == .done || self == .waived }
}
