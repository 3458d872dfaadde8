import Foundation
import SOPCore
import SOPStore

/// The plans of record of every cycle, read from the stored files: what balance, plan diff,
/// accuracy and scenario compare compute on. One read of the plan events, the cycles and the
/// decisions; each stored file is parsed once per process (`PlanFileCache`), however many figures
/// ask for it.
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
        public var promotions: [PlanInputKey: Promotion]
        /// The cycle's plan events folded: current files and scenarios.
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

    /// Reads the record in one transaction. `kinds` says which of a cycle's plans of record to read
    /// into values (all by default); a figure asks only for what it computes on, because reading
    /// every file of ten years of cycles is most of a figure's time. Left-out plans keep their
    /// `sources`; `load` reads them later.
    public static func read(
        _ session: Session, tx: StoreTransaction, kinds: (CycleMonth) -> Set<PlanKind> = { _ in Set(PlanKind.allCases) }
    ) throws -> PlanRecord {
        let rows = try tx.cycles()
        let register = try tx.followUps(raisedIn: rows.map(\.id))
        var folds: [String: PlanOfRecord.Fold] = [:]
        let openedAt = Dictionary(rows.map { ($0.id, $0.openedSeq) }, uniquingKeysWith: { a, _ in a })
        for event in try tx.planEvents() {
            // A month opened again after a cancellation starts afresh: the cancelled opening's files are not its plan.
            guard let opened = openedAt[event.cycle], event.seq >= opened else { continue }
            folds[event.cycle, default: PlanOfRecord.Fold()].apply(event)
        }
        var workflows: [String: Workflow] = [:]
        var cycles: [Cycle] = []
        for row in rows {
            guard let month = CycleMonth(row.id) else { continue }
            let workflow: Workflow
            if let known = workflows[row.workflowHash] {
                workflow = known
            } else {
                guard let model = try tx.workflowModel(row.workflowHash) else {
                    throw StoreError("cycle \(row.id) pins workflow \(row.workflowHash.prefix(12)), which is missing")
                }
                workflows[row.workflowHash] = model
                workflow = model
            }
            let fold = folds[row.id] ?? PlanOfRecord.Fold()
            let promotions = row.cancelled ? [:] : Scenarios.promotions(of: fold.scenarios, cycle: row.id, register: register)
            let sources = PlanOfRecord.sources(workflow: workflow, fold: fold, promotions: promotions)
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
