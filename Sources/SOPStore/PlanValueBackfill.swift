import Foundation
import SOPCore

/// Keeps the values of the plan files a record stored before `plan_values` existed, read as each
/// cycle's workflow declares them, so an upgraded record's figures are as fast as a new one's.
enum PlanValueBackfill {
    static func run(_ tx: StoreTransaction) throws {
        let cycles = Dictionary(try tx.cycles().map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var workflows: [String: Workflow] = [:]
        for event in try tx.planEvents() {
            // A cancelled opening's files are no plan of the month's cycle (PlanRecord), and were read by its own workflow.
            guard let cycle = cycles[event.cycle], event.seq >= cycle.openedSeq else { continue }
            let hash = cycle.workflowHash
            if workflows[hash] == nil { workflows[hash] = try tx.workflowModel(hash) }
            guard let workflow = workflows[hash], let reading = PlanReading.of(event, workflow: workflow),
                let bytes = try tx.artifact(reading.sha256),
                // A file that no longer reads stays unkept: the figures read it from its bytes and say what is wrong.
                let table = try? PlanFileReading.table(bytes, fileName: reading.fileName, input: reading.input, kind: reading.kind)
            else { continue }
            try tx.storePlanValues(table, of: reading)
        }
    }
}
