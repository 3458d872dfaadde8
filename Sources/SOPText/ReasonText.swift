import SOPCore

/// The words for SOPCore's typed causes and reasons: one place, so `why`, `status`, the agenda and
/// the acknowledgements say a change the same way.
public enum ReasonText {
    public static func cause(_ c: ReopenCause) -> String {
        switch c {
        case .cycleOpened: "the cycle opened"
        case .inputSubmitted(let input, let by, let at, let version):
            version == 1
                ? "\(input) was submitted by \(by) at \(Stamp.minute(at))"
                : "\(input) was resubmitted by \(by) at \(Stamp.minute(at)) (version \(version))"
        case .signedOff(let stage, let role, let by): "\(by) signed off \(stage) as \(role)"
        case .rejected(let stage, let by, let at, let reason): "\(by) rejected \(stage) at \(Stamp.minute(at)): \(reason)"
        case .waived(let stage, let by): "\(by) waived \(stage)"
        }
    }

    public static func stale(_ r: StaleReason) -> String {
        switch r {
        case .inputSubmitted(let input, let by, let at, let version):
            version == 1
                ? "\(input) was submitted by \(by) at \(Stamp.minute(at)) after the sign-off"
                : "\(input) was resubmitted by \(by) at \(Stamp.minute(at)) (version \(version))"
        case .upstreamReopened(let upstream, let state, let because):
            "upstream \(upstream) went back to \(state.rawValue)" + (because.map { ": \(cause($0))" } ?? "")
        case .upstreamCompletedAgain(let upstream, let at):
            "upstream \(upstream) was completed again" + (at.map { " at \(Stamp.minute($0))" } ?? "") + ", after this sign-off"
        }
    }

    /// `P-2 is open`, `none recorded yet`: what `why` lists after "a decision recorded:".
    public static func unmet(_ u: UnmetRequirement) -> String {
        switch u {
        case .proposalOpen(let label): "\(label) is open"
        case .noDecisionRecorded: "none recorded yet"
        }
    }

    /// `decisions: P-2 is open`: the status column and the status JSON's `unmetRequirements`.
    public static func requirement(_ u: UnmetRequirement) -> String { "decisions: " + unmet(u) }
}
