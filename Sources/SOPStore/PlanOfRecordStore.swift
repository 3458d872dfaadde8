import Foundation
import SOPCore

/// Each cycle's plans of record (which stored file stands for each plan kind, and why), kept beside
/// the events that decide them, so a figure over ten years of history reads one table by its key
/// instead of folding every cycle's plan events and decisions. Derived, like `follow_ups`: a command
/// whose events may change a cycle's plans of record (`PlanOfRecord.cyclesChanged`) works that
/// cycle's rows out again in its own transaction, the migration that made the table works them out
/// for an older record, and `audit verify` works them out from the log and compares.
///
/// One row per cycle and kind, updated in place and never deleted (the PostgreSQL record lets a
/// participant update this table, not delete from it): a row whose `file` is NULL says nothing
/// stands for the kind any more (its version was rejected, or replaced by a note).
extension StoreTransaction {
    /// Works out the plans of record of `cycles` again from their plan events and decisions, and keeps them.
    public func refreshPlansOfRecord(_ cycles: Set<String>) throws {
        guard !cycles.isEmpty else { return }
        let rows = try self.cycles().filter { cycles.contains($0.id) }
        guard !rows.isEmpty else { return }
        let register = try followUps(raisedIn: rows.map(\.id))
        for row in rows {
            guard let workflow = try workflowModel(row.workflowHash) else {
                throw StoreError("cycle \(row.id) pins workflow \(row.workflowHash.prefix(12)), which is missing")
            }
            let record = PlanOfRecord.CycleRecord(
                cycle: row.id, cancelled: row.cancelled, workflow: workflow, events: try planEvents(of: row), register: register)
            try KeptPlansOfRecord.store(record.sources, cycle: row.id, sql: sql)
        }
    }

    /// One cycle's plan events from its latest opening on, by the (cycle, seq) index.
    public func planEvents(of cycle: CycleRow) throws -> [CycleEvent] {
        let types = PlanOfRecord.eventTypes.map(\.rawValue)
        return try StoredEvent.fetchAll(
            sql, "WHERE cycle = ? AND seq >= ? AND type IN (\(placeholders(types.count))) ORDER BY seq",
            [cycle.id, cycle.openedSeq] + types.map { $0 as any StoreArgument }
        ).map { try $0.cycleEvent() }
    }

    /// Every cycle's kept plans of record, by cycle id: one read of the table. `workflow` gives the
    /// workflow a cycle pinned (each source names its input as that workflow declares it).
    public func keptPlansOfRecord(workflow: (String) -> Workflow?) throws -> [String: [PlanKind: PlanSource]] {
        var kept: [String: [PlanKind: PlanSource]] = [:]
        for row in try sql.rows("\(KeptPlansOfRecord.select) WHERE file IS NOT NULL") {
            guard let (cycle, kind, source) = try KeptPlansOfRecord.source(row, workflow: workflow) else { continue }
            kept[cycle, default: [:]][kind] = source
        }
        return kept
    }
}

/// How a plan of record is kept: its kind, the stage input it belongs to, the file (name and SHA-256)
/// and its origin (the submitted version, or the scenario and the decision that promoted it).
enum KeptPlansOfRecord {
    static let select = "SELECT cycle, kind, stage, input, file_name, file, version, scenario, decision FROM plans_of_record"

    /// The row's values for a source (all NULL but the key for none), in `select`'s order from `stage` on.
    static func values(_ source: PlanSource?) -> [StoreValue] {
        guard let source else { return Array(repeating: .null, count: 7) }
        let version: Int?, scenario: String?, decision: Int?
        switch source.origin {
        case .submitted(let v): (version, scenario, decision) = (v, nil, nil)
        case .scenario(let name, let d): (version, scenario, decision) = (nil, name, d)
        }
        return [
            source.key.stage.storeValue, source.key.input.storeValue, source.fileName.storeValue, source.sha256.storeValue,
            version.storeValue, scenario.storeValue, decision.storeValue,
        ]
    }

    static func store(_ sources: [PlanKind: PlanSource], cycle: String, sql: any StoreExecutor) throws {
        let stored = try sql.rows("\(select) WHERE cycle = ?", [cycle])
        let existing = Dictionary(stored.compactMap { row in row.text(1).map { ($0, Array(row.values.dropFirst(2))) } }, uniquingKeysWith: { a, _ in a })
        for kind in PlanKind.allCases {
            let values = self.values(sources[kind])
            // A kind never held needs no row; one already kept as it stands needs no write.
            guard let known = existing[kind.rawValue] else {
                if sources[kind] == nil { continue }
                try sql.execute(
                    "INSERT INTO plans_of_record(cycle, kind, stage, input, file_name, file, version, scenario, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [cycle, kind.rawValue] + values.map { $0 as any StoreArgument })
                continue
            }
            guard known != values else { continue }
            try sql.execute(
                "UPDATE plans_of_record SET stage = ?, input = ?, file_name = ?, file = ?, version = ?, scenario = ?, decision = ? WHERE cycle = ? AND kind = ?",
                values.map { $0 as any StoreArgument } + [cycle, kind.rawValue])
        }
    }

    /// A row read back as a source on its cycle's workflow; nil for a row that says "none".
    static func source(_ row: StoreRow, workflow: (String) -> Workflow?) throws -> (String, PlanKind, PlanSource)? {
        guard let cycle = row.text(0), let kindText = row.text(1), let kind = PlanKind(rawValue: kindText) else {
            throw StoreError("a kept plan of record does not read (\(row.description)); run `sop audit verify`")
        }
        guard let sha = row.text(5) else { return nil }
        guard let stage = row.text(2), let input = row.text(3), let fileName = row.text(4),
            let spec = workflow(cycle)?.stage(stage)?.input(input), spec.plan == kind
        else {
            throw StoreError("the kept plan of record of cycle \(cycle) for \(kindText) does not read (\(row.description)); run `sop audit verify`")
        }
        let origin: PlanSource.Origin
        if let version = row.int(6) {
            origin = .submitted(version: version)
        } else if let scenario = row.text(7), let decision = row.int(8) {
            origin = .scenario(name: scenario, decision: decision)
        } else {
            throw StoreError("the kept plan of record of cycle \(cycle) for \(kindText) has no origin (\(row.description)); run `sop audit verify`")
        }
        return (cycle, kind, PlanSource(key: PlanInputKey(stage: stage, input: input), input: spec, kind: kind, fileName: fileName, sha256: sha, origin: origin))
    }
}
