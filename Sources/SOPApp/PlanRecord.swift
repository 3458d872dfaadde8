import Foundation
import SOPCore
import SOPStore

/// The plans of record of every cycle, read from the stored files: what balance, plan diff,
/// accuracy and scenario compare compute on. One read of the cycles and of the kept plans of record,
/// and the current cycle's own plan events and decisions; each stored file is parsed once per
/// process (`PlanFileCache`), however many figures ask for it.
public struct PlanRecord: Sendable {
    public struct Cycle: Sendable {
        public var month: CycleMonth
        public var cancelled: Bool
        public var workflow: Workflow
        /// The file standing for each plan kind, and where it came from.
        public var sources: [PlanKind: PlanSource]
        /// Those files read into values.
        public var tables: [PlanKind: PlanTable]
        public var scenarios: [Scenario] { fold.scenarios }
        /// The decisions in force that promoted a scenario: the current cycle's only (`read`).
        public var promotions: [PlanInputKey: Promotion]
        /// The cycle's plan events folded, current files and scenarios: the current cycle's only (`read`).
        public var fold: PlanOfRecord.Fold

        /// The tables a balance reads; nil without a demand plan of record.
        public var balanceInputs: BalanceInputs? {
            tables[.demand].map {
                BalanceInputs(
                    demand: $0, supply: tables[.supply], inventory: tables[.inventory], capacity: tables[.capacity],
                    finance: tables[.finance], budget: tables[.budget])
            }
        }
    }

    /// Oldest first.
    public var cycles: [Cycle]

    public func cycle(_ month: CycleMonth) -> Cycle? { cycles.first { $0.month == month } }

    /// Reads the record in one transaction. The `current` cycle is worked out from its own plan
    /// events and decisions (its fold and promotions: scenarios, compare and the agenda ask for
    /// them); every other cycle's sources are the store's kept plans of record (PlanOfRecordStore),
    /// one read of one table however many years the record holds, and carry no fold or promotions.
    /// `kinds` says which of a cycle's plans of record to read into values (all by default); a
    /// figure asks only for what it computes on, because reading every file of ten years of cycles
    /// is most of a figure's time. Left-out plans keep their `sources`; `load` reads them later.
    public static func read(
        _ session: Session, tx: StoreTransaction, current: CycleMonth,
        kinds: (CycleMonth) -> Set<PlanKind> = { _ in Set(PlanKind.allCases) }
    ) throws -> PlanRecord {
        let rows = try tx.cycles()
        var models: [String: Workflow] = [:]
        var workflows: [String: Workflow] = [:]
        for row in rows {
            if let known = models[row.workflowHash] {
                workflows[row.id] = known
                continue
            }
            guard let model = try tx.workflowModel(row.workflowHash) else {
                throw StoreError("cycle \(row.id) pins workflow \(row.workflowHash.prefix(12)), which is missing")
            }
            models[row.workflowHash] = model
            workflows[row.id] = model
        }
        let kept = try tx.keptPlansOfRecord(workflow: { workflows[$0] })
        var cycles: [Cycle] = []
        for row in rows {
            guard let month = CycleMonth(row.id), let workflow = workflows[row.id] else { continue }
            var fold = PlanOfRecord.Fold()
            var promotions: [PlanInputKey: Promotion] = [:]
            var sources = kept[row.id] ?? [:]
            if month == current {
                let record = PlanOfRecord.CycleRecord(
                    cycle: row.id, cancelled: row.cancelled, workflow: workflow, events: try tx.planEvents(of: row),
                    register: try tx.followUps(raisedIn: [row.id]))
                (fold, promotions, sources) = (record.fold, record.promotions, record.sources)
            }
            var tables: [PlanKind: PlanTable] = [:]
            let wanted = kinds(month)
            for (kind, source) in sources where wanted.contains(kind) {
                tables[kind] = try session.planFiles.table(source, cycle: row.id, tx: tx)
            }
            cycles.append(Cycle(
                month: month, cancelled: row.cancelled, workflow: workflow, sources: sources, tables: tables,
                promotions: promotions, fold: fold))
        }
        return PlanRecord(cycles: cycles)
    }

    /// Reads `kinds` of one cycle's plans of record into values, where `read` left them out.
    public mutating func load(_ kinds: Set<PlanKind>, of month: CycleMonth, session: Session, tx: StoreTransaction) throws {
        guard let i = cycles.firstIndex(where: { $0.month == month }) else { return }
        for (kind, source) in cycles[i].sources where kinds.contains(kind) && cycles[i].tables[kind] == nil {
            cycles[i].tables[kind] = try session.planFiles.table(source, cycle: month.description, tx: tx)
        }
    }
}

/// Plan files read into values, by content and by how they are read (kind and header mapping), so
/// a REPL or a long playbook parses each stored file once.
public final class PlanFileCache: @unchecked Sendable {
    private var tables: [String: PlanTable] = [:]
    private let lock = NSLock()

    public init() {}

    func table(_ source: PlanSource, cycle: String, tx: StoreTransaction) throws -> PlanTable {
        try table(source.reading, cycle: cycle, tx: tx)
    }

    func table(_ reading: PlanReading, cycle: String, tx: StoreTransaction) throws -> PlanTable {
        let key = reading.sha256 + "\u{1F}" + reading.key
        if let known = lock.withLock({ tables[key] }) { return known }
        let bytes = try tx.submittedFile(reading.sha256)
        let table: PlanTable
        do { table = try PlanFileReading.table(bytes, fileName: reading.fileName, input: reading.input, kind: reading.kind) } catch {
            // Checked at submit against the same workflow version, so this is a damaged record.
            throw StoreError("the stored \(reading.kind.rawValue) plan \(reading.fileName) of cycle \(cycle) no longer reads: \(error.message)")
        }
        lock.withLock { tables[key] = table }
        return table
    }
}
