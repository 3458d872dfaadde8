import Foundation
import SOPCore

extension Auditor {
    /// The kept plans of record (PlanOfRecordStore) are what the history figures read, so each
    /// cycle's must be what its plan events and the decisions re-derived from the log make of it.
    mutating func checkPlansOfRecord(register: FollowUpRegister) throws {
        let tx = StoreTransaction(sql: sql)
        let cycles = try tx.cycles()
        let opened = Dictionary(cycles.map { ($0.id, $0.openedSeq) }, uniquingKeysWith: { _, last in last })
        var events: [String: [CycleEvent]] = [:]
        for event in try tx.planEvents() where event.seq >= opened[event.cycle] ?? .max { events[event.cycle, default: []].append(event) }
        var expected: [String: [String: [StoreValue]]] = [:]
        var unread: Set<String> = []
        for row in cycles {
            // A missing or unreadable workflow version is the workflow check's finding.
            guard let workflow = try? tx.workflowModel(row.workflowHash) else {
                unread.insert(row.id)
                continue
            }
            let record = PlanOfRecord.CycleRecord(
                cycle: row.id, cancelled: row.cancelled, workflow: workflow, events: events[row.id] ?? [], register: register)
            expected[row.id] = Dictionary(uniqueKeysWithValues: record.sources.map { ($0.key.rawValue, KeptPlansOfRecord.values($0.value)) })
        }
        var kept: [String: [String: [StoreValue]]] = [:]
        let none = KeptPlansOfRecord.values(nil)
        for row in try sql.rows(KeptPlansOfRecord.select) {
            let values = Array(row.values.dropFirst(2))
            guard case .text(let cycle) = row[0], values != none else { continue }
            kept[cycle, default: [:]][row.text(1) ?? ""] = values
        }
        for cycle in Set(expected.keys).union(kept.keys).subtracting(unread).sorted() where (expected[cycle] ?? [:]) != (kept[cycle] ?? [:]) {
            if let seq = opened[cycle] {
                note(seq, "plans_of_record", "the plans of record kept for cycle \(cycle) differ from its plan events and decisions: they were edited")
            } else {
                note(nil, "plans_of_record", "plans of record are kept for cycle \(cycle), which the record does not hold: they were inserted")
            }
        }
    }
}
