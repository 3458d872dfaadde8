import SOPCore
import SOPStore

/// What `status`, `why` and `log` read: the cycle the session acts on, as it stands.
public enum Readiness {
    /// The cycle, the team, and the follow-up items the cycle sees.
    public static func load(_ session: Session) throws -> (CycleState, Team, FollowUpRegister) {
        try session.database.read { tx in
            let state = try session.loadCycle(tx)
            return (state, try tx.team(), try tx.followUps(visibleIn: state.id))
        }
    }

    /// The cycle's events, newest last, for one stage or all; `limit` keeps the last N.
    public static func events(_ session: Session, stage: String?, limit: Int?) throws -> (cycle: String, events: [CycleEvent]) {
        try session.database.read { tx in
            let state = try session.loadCycle(tx)
            if let stage { _ = try state.workflow.requireStage(stage) }
            return (state.id, try tx.events(cycle: state.id, stage: stage, limit: limit))
        }
    }
}
