import Foundation
import SOPCore

extension StoreTransaction {
    /// The newest `count` cycles, oldest first, each with its own events over the workflow version it
    /// pinned: what `metrics` replays. Reads only those cycles, whatever the history's length.
    public func recentCycleHistories(_ count: Int) throws -> [CycleHistory] {
        try cycles().filter { !$0.cancelled }.suffix(max(0, count)).map { row in
            guard let workflow = try workflowModel(row.workflowHash) else {
                throw StoreError("cycle \(row.id) pins workflow \(row.workflowHash.prefix(12)), which is missing")
            }
            // From its latest opening: a month opened again after a cancellation has the cancelled cycle's
            // events before it, which count in no figure.
            return CycleHistory(id: row.id, workflow: workflow, events: try events(cycle: row.id).filter { $0.seq >= row.openedSeq })
        }
    }

    /// The follow-up items raised or recorded in any of `cycles` (plus the live items every cycle sees,
    /// which `ProcessMetrics` filters out by the cycle that raised them). A proposal's decisions are
    /// recorded in its own cycle or a later one, so a window ending at the newest cycle holds them all.
    ///
    /// Exactly what the cycles see together (`followUps(visibleIn:)` of each, merged), in one read:
    /// raised in one of them, still live, or closed in the oldest of them or later.
    public func followUps(raisedIn cycles: [String]) throws -> FollowUpRegister {
        guard let oldest = cycles.min() else { return FollowUpRegister() }
        return try register(StoredFollowUp.fetchAll(sql, "WHERE cycle IN (\(placeholders(cycles.count))) OR live = 1 OR closed_in >= ?", cycles + [oldest]))
    }
}
