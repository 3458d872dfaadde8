import Foundation
import GRDB
import SOPCore

extension StoreTransaction {
    /// Every cycle's plan events (submissions, rejections, scenarios), oldest first, in one read:
    /// what the plan record folds, without replaying whole cycles.
    public func planEvents() throws -> [CycleEvent] {
        let types = PlanOfRecord.eventTypes.map(\.rawValue)
        let marks = Array(repeating: "?", count: types.count).joined(separator: ", ")
        return try StoredEvent.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM events WHERE type IN (\(marks)) ORDER BY seq"), arguments: StatementArguments(types)
        ).map { try $0.cycleEvent() }
    }
}
