import Foundation

/// The change that took a stage out of done: kept as data on the stage (`why`, stale reasons
/// downstream, the agenda's reopened stages), worded only by SOPText.
public enum ReopenCause: Sendable, Equatable, Codable {
    case cycleOpened
    /// Version 1 is a first submission; later versions are resubmissions.
    case inputSubmitted(input: String, by: String, at: Date, version: Int)
    case signedOff(stage: String, role: String, by: String)
    case rejected(stage: String, by: String, at: Date, reason: String)
    case waived(stage: String, by: String)
}

/// Why a sign-off no longer counts.
public enum StaleReason: Sendable, Equatable, Codable {
    /// An input the sign-off saw was submitted again (or first submitted) after it.
    case inputSubmitted(input: String, by: String, at: Date, version: Int)
    /// An upstream stage is no longer done; `because` is the change that reopened it, when known.
    case upstreamReopened(upstream: String, state: StageState, because: ReopenCause?)
    /// An upstream stage was completed again after the sign-off.
    case upstreamCompletedAgain(upstream: String, at: Date?)
}

/// What a stage's `requires:` still lacks.
public enum UnmetRequirement: Sendable, Equatable, Codable {
    /// A proposal of this cycle is neither decided nor deferred (`P-2`).
    case proposalOpen(String)
    /// The cycle has no decision recorded yet.
    case noDecisionRecorded
}

extension UnmetRequirement {
    /// The words of the `decisions-pending` refusal, which SOPCore builds (every refusal is worded where
    /// it is decided). Everything else says it through SOPText's `ReasonText.requirement`.
    var refusalWords: String {
        switch self {
        case .proposalOpen(let label): "decisions: \(label) is open"
        case .noDecisionRecorded: "decisions: none recorded yet"
        }
    }
}
