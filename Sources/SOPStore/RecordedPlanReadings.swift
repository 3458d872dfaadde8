import Foundation
import SOPCore

/// The plan files a record holds, each with the way its cycle's workflow reads it: what the kept
/// plan values must be made of. The migration that made `plan_values` keeps them for a record
/// stored before it; the audit reads each file again and compares.
enum RecordedPlanReadings {
    /// Every plan reading the record's events make, once each, oldest first.
    static func all(_ tx: StoreTransaction) throws -> [PlanReading] {
        let cycles = Dictionary(try tx.cycles().map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var workflows: [String: Workflow] = [:]
        var seen = Set<PlanValueRows.Key>()
        var readings: [PlanReading] = []
        for event in try tx.planEvents() {
            // A cancelled opening's files are no plan of the month's cycle (PlanRecord), and were read by its own workflow.
            guard let cycle = cycles[event.cycle], event.seq >= cycle.openedSeq else { continue }
            let hash = cycle.workflowHash
            if workflows[hash] == nil { workflows[hash] = try tx.workflowModel(hash) }
            guard let workflow = workflows[hash], let reading = PlanReading.of(event, workflow: workflow),
                seen.insert(PlanValueRows.Key(file: reading.sha256, reading: reading.key)).inserted
            else { continue }
            readings.append(reading)
        }
        return readings
    }

    /// A reading's file read into values again; nil when the file is missing or no longer reads.
    static func table(_ reading: PlanReading, tx: StoreTransaction) throws -> PlanTable? {
        guard let bytes = try tx.artifact(reading.sha256) else { return nil }
        return try? PlanFileReading.table(bytes, fileName: reading.fileName, input: reading.input, kind: reading.kind)
    }

    /// Keeps the values of every plan file of a record stored before `plan_values` existed, so an
    /// upgraded record's figures are as fast as a new one's. A file that no longer reads stays
    /// unkept: the figures read it from its bytes and say what is wrong.
    static func backfill(_ tx: StoreTransaction) throws {
        for reading in try all(tx) {
            guard let table = try table(reading, tx: tx) else { continue }
            try tx.storePlanValues(table, of: reading)
        }
    }
}
