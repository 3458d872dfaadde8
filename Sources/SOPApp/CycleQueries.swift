import SOPCore
import SOPStore

/// Reading the cycles: the one commands act on, and a line for each in the record.
public enum CycleQueries {
    /// One line of `cycle list`.
    public struct Summary: Encodable, Sendable {
        public var id: String
        public var workflow: String
        public var state: String
        public var stagesComplete: Int
        public var stages: Int
        public var current: Bool
    }

    /// The cycle the session acts on, folded from its events.
    public static func current(_ session: Session) throws -> CycleState {
        try session.database.read { tx in try session.loadCycle(tx) }
    }

    /// The workflow of the cycle in use, else the one the next cycle would open on; nil when the
    /// record cannot say. `help` names its stages in examples.
    public static func workflowAtHand(_ session: Session) -> Workflow? {
        try? session.database.read { tx in
            if let state = try? session.loadCycle(tx) { return state.workflow }
            return try tx.workflowForNextCycle()?.workflow
        }
    }

    /// The id of the cycle the session acts on, nil when there is none.
    public static func currentID(_ session: Session) -> String? {
        try? session.database.read { try session.cycleID($0) }
    }

    public static func summaries(_ session: Session) throws -> [Summary] {
        try session.database.read { tx in
            let current = try? session.cycleID(tx)
            return try tx.cycles().compactMap { row in
                guard let state = try tx.loadCycle(row.id) else { return nil }
                let complete = state.workflow.stages.filter { state.state(of: $0.id).isComplete }.count
                return Summary(
                    id: row.id, workflow: state.workflow.id, state: state.stateWord,
                    stagesComplete: complete, stages: state.workflow.stages.count, current: row.id == current)
            }
        }
    }

    /// Events in the whole record (a playbook's summary line).
    public static func eventCount(_ session: Session) -> Int {
        (try? session.database.read { try $0.eventCount() }) ?? -1
    }
}
