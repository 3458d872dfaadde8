import Foundation
import SOPCore
import SOPStore

/// The part of the record a lag-K accuracy over the last N target months computes on, read by the
/// store's index of plan values instead of whole files: each counted cycle's forecast for its month
/// c+K, and the actuals of those months and of the cycles' own months (the naive forecast) as the
/// most recent plan holding each family and month has them. Cycles are read newest first until N
/// target months have a pair, so the time depends on N, not on how many years the record holds.
/// `ForecastAccuracy` then computes on these rows exactly as on the whole files: it reads nothing else.
enum AccuracyHistory {
    static func read(
        _ record: PlanRecord, upTo month: CycleMonth, lag: Int, months: Int, family: String?, session: Session, tx: StoreTransaction
    ) throws -> [CyclePlans] {
        // Oldest first; the index is the rank of a cycle's actuals ("most recent wins").
        let counted = record.cycles.filter { !$0.cancelled && $0.month <= month }
        guard lag >= 1, months >= 1, !counted.isEmpty else { return counted.map { CyclePlans(month: $0.month) } }
        let holders = counted.enumerated().compactMap { i, cycle in cycle.sources[.actuals].map { (reading: $0.reading, rank: i) } }
        let kept = try tx.keptPlanReadings(among: holders.map(\.reading) + counted.compactMap { $0.sources[.demand]?.reading })
        var actuals = Actuals(holders: holders, kept: kept, cycles: counted)

        var demand: [Int: [PlanRow]] = [:]
        var paired = 0
        var next = counted.count - 1
        var batch = months + lag
        while next >= 0, paired < months {
            let range = max(0, next - batch + 1)...next
            try actuals.load(Set(range.flatMap { [counted[$0].month.adding(lag), counted[$0].month] }), session: session, tx: tx)
            for i in range.reversed() {
                guard let source = counted[i].sources[.demand] else { continue }
                let target = counted[i].month.adding(lag)
                let rows = try Self.rows(of: source, months: [target], kept: kept, cycle: counted[i].month, session: session, tx: tx)
                demand[i] = rows
                let forecastFamilies = rows.compactMap { row -> String? in row[PlanColumn.quantity] != nil ? row.family : nil }
                if forecastFamilies.contains(where: { f in (family == nil || f == family) && actuals.has(f, target) }) { paired += 1 }
            }
            next = range.lowerBound - 1
            // Only as many more as target months are still missing a pair (each cycle has one target).
            batch = months - paired + lag
        }
        let actualRows = actuals.rowsByRank()
        return counted.enumerated().map { i, cycle in
            CyclePlans(
                month: cycle.month,
                demand: demand[i].map { PlanTable(kind: .demand, rows: $0) },
                actuals: actualRows[i].map { PlanTable(kind: .actuals, rows: $0.sorted { $0.line < $1.line }) })
        }
    }

    /// One file's rows of `months`: from the store's kept values, else from the file's bytes.
    static func rows(
        of source: PlanSource, months: Set<CycleMonth>, kept: Set<PlanValueRows.Key>, cycle: CycleMonth, session: Session, tx: StoreTransaction
    ) throws -> [PlanRow] {
        let reading = source.reading
        if kept.contains(PlanValueRows.Key(file: reading.sha256, reading: reading.key)) {
            return try tx.planRows(of: reading, months: months.sorted())
        }
        return try session.planFiles.table(source, cycle: cycle.description, tx: tx).rows.filter { $0.month.map(months.contains) ?? false }
    }

    /// The actuals loaded so far: for each family and month, the row of the most recent cycle's
    /// actuals plan of record that holds it.
    private struct Actuals {
        let holders: [(reading: PlanReading, rank: Int)]
        let kept: Set<PlanValueRows.Key>
        let cycles: [PlanRecord.Cycle]
        private var loaded: Set<CycleMonth> = []
        private var winners: [String: [CycleMonth: (rank: Int, row: PlanRow)]] = [:]

        init(holders: [(reading: PlanReading, rank: Int)], kept: Set<PlanValueRows.Key>, cycles: [PlanRecord.Cycle]) {
            self.holders = holders
            self.kept = kept
            self.cycles = cycles
        }

        func has(_ family: String, _ month: CycleMonth) -> Bool { winners[family]?[month] != nil }

        mutating func load(_ months: Set<CycleMonth>, session: Session, tx: StoreTransaction) throws {
            let wanted = months.subtracting(loaded)
            guard !wanted.isEmpty else { return }
            loaded.formUnion(wanted)
            let kept = self.kept
            let isKept = { (h: (reading: PlanReading, rank: Int)) in kept.contains(PlanValueRows.Key(file: h.reading.sha256, reading: h.reading.key)) }
            for found in try tx.newestPlanRows(holders: holders.filter(isKept), months: wanted.sorted()) { offer(found.rank, found.row) }
            for holder in holders where !isKept(holder) {
                guard let source = cycles[holder.rank].sources[.actuals] else { continue }
                for row in try AccuracyHistory.rows(of: source, months: wanted, kept: kept, cycle: cycles[holder.rank].month, session: session, tx: tx) {
                    offer(holder.rank, row)
                }
            }
        }

        private mutating func offer(_ rank: Int, _ row: PlanRow) {
            guard let family = row.family, let month = row.month, row[.quantity] != nil else { return }
            if let known = winners[family]?[month], known.rank > rank { return }
            winners[family, default: [:]][month] = (rank, row)
        }

        /// The winning rows by the rank of the cycle they came from.
        func rowsByRank() -> [Int: [PlanRow]] {
            var rows: [Int: [PlanRow]] = [:]
            for byMonth in winners.values {
                for winner in byMonth.values { rows[winner.rank, default: []].append(winner.row) }
            }
            return rows
        }
    }
}
