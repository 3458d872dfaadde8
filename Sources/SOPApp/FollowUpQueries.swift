import SOPCore
import SOPStore

/// Reading proposals, decisions and actions as the session's cycle sees them.
public enum FollowUpQueries {
    /// The cycle and the follow-up items it sees (its own, still-live earlier ones, those closed in it).
    public static func visible(_ session: Session, including labels: [String] = []) throws -> (cycle: CycleState, register: FollowUpRegister) {
        try session.database.read { tx in
            let state = try session.loadCycle(tx)
            return (state, try tx.followUps(visibleIn: state.id, including: labels))
        }
    }

    /// Decisions of the cycle, or of every cycle, in number order.
    public static func decisions(_ session: Session, allCycles: Bool) throws -> (cycle: String, decisions: [Decision]) {
        try session.database.read { tx -> (String, [Decision]) in
            let state = try session.loadCycle(tx)
            if allCycles { return (state.id, try tx.allFollowUps(.decision).decisions.values.sorted { $0.number < $1.number }) }
            return (state.id, try tx.followUps(visibleIn: state.id).decisions(of: state.id))
        }
    }

    /// Actions the cycle sees, or of every cycle, in number order.
    public static func actions(_ session: Session, allCycles: Bool) throws -> (cycle: CycleState, actions: [FollowUpAction]) {
        try session.database.read { tx -> (CycleState, [FollowUpAction]) in
            let state = try session.loadCycle(tx)
            if allCycles { return (state, try tx.allFollowUps(.action).actions.values.sorted { $0.number < $1.number }) }
            return (state, try tx.followUps(visibleIn: state.id).actions(of: state.id))
        }
    }
}
