import Foundation
import SOPCore

extension StoreTransaction {
    /// The newest `count` cycles, oldest first, each with its own events over the workflow version it
    /// pinned: what `metrics` replays. Reads only those cycles, whatever the history's length.
    public func recentCycleHistories(_ count: Int) throws -> [CycleHistory] {
        try cycles().suffix(max(0, count)).map { row in
            guard let version = try workflowVersion(row.workflowHash) else {
                throw StoreError("cycle \(row.id) pins workflow \(row.workflowHash.prefix(12)), which is missing")
            }
            return CycleHistory(id: row.id, workflow: version.workflow, events: try events(cycle: row.id))
        }
    }

    /// The follow-up items raised or recorded in any of `cycles` (plus the live items every cycle sees,
    /// which `ProcessMetrics` filters out by the cycle that raised them). A proposal's decisions are
    /// recorded in its own cycle or a later one, so a window ending at the newest cycle holds them all.
    public func followUps(raisedIn cycles: [String]) throws -> FollowUpRegister {
        var merged = FollowUpRegister()
        for id in cycles {
            let seen = try followUps(visibleIn: id)
            merged.proposals.merge(seen.proposals) { kept, _ in kept }
            merged.decisions.merge(seen.decisions) { kept, _ in kept }
            merged.actions.merge(seen.actions) { kept, _ in kept }
        }
        return merged
    }
}
