import Foundation

/// A stage's sign-offs split into those that count and those gone stale (with the change that made
/// each so): worked out here only, for `status`, `why`, `agenda` and every acknowledgement.
public struct SignoffStanding: Sendable, Equatable {
    /// In the stage's `signoffs:` order.
    public var current: [CurrentSignoff]
    /// In the stage's `signoffs:` order; empty for a waived stage (a waiver needs no sign-off).
    public var stale: [StaleSignoff]
}

extension CycleState {
    /// The stage's sign-offs, current and stale.
    public func signoffStanding(of stage: Stage) -> SignoffStanding {
        let record = record(stage.id)
        var standing = SignoffStanding(current: [], stale: [])
        for role in stage.signoffs {
            guard let signoff = record.signoffs[role] else { continue }
            if let reason = staleness(of: signoff, in: stage) {
                standing.stale.append(StaleSignoff(role: role, by: signoff.by, reason: reason))
            } else {
                standing.current.append(CurrentSignoff(role: role, by: signoff.by, at: signoff.at, comment: signoff.comment))
            }
        }
        if record.state == .waived { standing.stale = [] }
        return standing
    }

    /// The stage's sign-offs that no longer count, and why.
    public func staleSignoffs(of stage: Stage) -> [StaleSignoff] { signoffStanding(of: stage).stale }

    /// The stage's sign-offs stale in this state that were not stale (or not there) in `before`: what
    /// an acknowledgement reports as "now stale".
    public func newlyStaleSignoffs(of stage: Stage, since before: CycleState) -> [StaleSignoff] {
        let was = before.staleSignoffs(of: stage)
        return staleSignoffs(of: stage).filter { stale in !was.contains { $0.role == stale.role && $0.by == stale.by } }
    }
}
