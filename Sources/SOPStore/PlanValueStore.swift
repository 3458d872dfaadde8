import Foundation
import SOPCore

/// The values of every stored plan file, kept beside the file by the way it was read (`PlanReading`),
/// so a figure that needs one month of ten years of forecasts reads those rows by index instead of
/// parsing every file. The values are `PlanFileReading`'s output, written when the file is submitted
/// (and, for files stored before, by the migration that made this table); the file stays the record,
/// and a file without values here is read from its bytes.
extension StoreTransaction {
    /// Keeps `table` as the values of `reading`'s file; a file already kept under that reading is left as it is.
    public func storePlanValues(_ table: PlanTable, of reading: PlanReading) throws {
        try PlanValueRows.store(table, file: reading.sha256, reading: reading.key, sql: sql)
    }

    /// Which of `readings` the store holds values for, as (file, key) pairs: one query for all of them.
    public func keptPlanReadings(among readings: [PlanReading]) throws -> Set<PlanValueRows.Key> {
        let wanted = Set(readings.map { PlanValueRows.Key(file: $0.sha256, reading: $0.key) })
        let files = Array(Set(wanted.map(\.file)))
        guard !files.isEmpty else { return [] }
        var kept: Set<PlanValueRows.Key> = []
        // In slices, under SQLite's limit on bound values.
        for start in stride(from: 0, to: files.count, by: 500) {
            let slice = Array(files[start..<min(start + 500, files.count)])
            for row in try sql.rows("SELECT file, reading FROM plan_readings WHERE file IN (\(placeholders(slice.count)))", slice) {
                guard let file = row.text(0), let reading = row.text(1) else { continue }
                let key = PlanValueRows.Key(file: file, reading: reading)
                if wanted.contains(key) { kept.insert(key) }
            }
        }
        return kept
    }

    /// The rows of one kept file that hold one of `months`, in line order.
    public func planRows(of reading: PlanReading, months: [CycleMonth]) throws -> [PlanRow] {
        guard !months.isEmpty else { return [] }
        return try sql.rows(
            """
            SELECT line, family, resource, month, figures FROM plan_values
            WHERE file = ? AND reading = ? AND month IN (\(placeholders(months.count))) ORDER BY line
            """,
            [reading.sha256, reading.key] + months.map(\.description)
        ).map { try PlanValueRows.row($0) }
    }

    /// For each (family, month) of `months` held by any of the kept `holders`, the row of the
    /// holder with the highest rank: "the most recent plan that holds the month" answered by the
    /// index, without reading the rows the newer plans hide.
    public func newestPlanRows(holders: [(reading: PlanReading, rank: Int)], months: [CycleMonth]) throws -> [(rank: Int, row: PlanRow)] {
        guard !holders.isEmpty, !months.isEmpty else { return [] }
        let values = Array(repeating: "(?, ?, ?)", count: holders.count).joined(separator: ", ")
        var arguments: [any StoreArgument] = []
        for holder in holders { arguments += [holder.reading.sha256, holder.reading.key, holder.rank] as [any StoreArgument] }
        arguments += months.map(\.description)
        let newest: String
        switch sql.dialect {
        case .sqlite:
            // SQLite takes the other columns of a max() aggregate from the row that has the maximum.
            newest = """
                SELECT v.line, v.family, v.resource, v.month, v.figures, max(h.rank)
                FROM holders h JOIN plan_values v ON v.file = h.file AND v.reading = h.reading
                WHERE v.month IN (\(placeholders(months.count)))
                GROUP BY v.family, v.month
                """
        case .postgres:
            newest = """
                SELECT DISTINCT ON (v.family, v.month) v.line, v.family, v.resource, v.month, v.figures, h.rank
                FROM holders h JOIN plan_values v ON v.file = h.file AND v.reading = h.reading
                WHERE v.month IN (\(placeholders(months.count)))
                ORDER BY v.family, v.month, h.rank DESC
                """
        }
        return try sql.rows("WITH holders(file, reading, rank) AS (VALUES \(values)) " + newest, arguments).map { row in
            guard let rank = row.int(5) else {
                throw StoreError("a holder's rank did not read back from the plan values query; run `sop check`")
            }
            return (rank: rank, row: try PlanValueRows.row(row))
        }
    }
}

/// How a plan row is kept: its key columns as columns (family, resource, month; the month leads the
/// table's key after the file, '' for a kind without months) and its numbers in one text,
/// `column=value;…`, each value as `Decimal` writes it.
public enum PlanValueRows {
    public struct Key: Hashable, Sendable {
        public var file: String
        public var reading: String

        public init(file: String, reading: String) {
            self.file = file
            self.reading = reading
        }
    }

    static func store(_ table: PlanTable, file: String, reading: String, sql: any StoreExecutor) throws {
        let added = try sql.rows(
            "INSERT INTO plan_readings(file, reading) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING file", [file, reading])
        guard !added.isEmpty else { return }
        for row in table.rows {
            try sql.execute(
                "INSERT INTO plan_values(file, reading, line, family, resource, month, figures) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [file, reading, row.line, row.family, row.resource, row.month?.description ?? "", figures(row)])
        }
    }

    static func figures(_ row: PlanRow) -> String {
        row.values.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ";")
    }

    /// A row selected as `line, family, resource, month, figures` (by position: these are read by
    /// the thousand, and a lookup by name costs more than the rest of the row).
    static func row(_ stored: StoreRow) throws -> PlanRow {
        // A value of another type (an edited record) reads as nil: an error, never a stopped process.
        func column(_ i: Int) -> String? { stored.text(i) }
        guard let line = stored.int(0), let monthText = column(3), let text = column(4) else {
            throw StoreError("the kept values of a plan file hold a row that does not read (\(stored.description)); run `sop check`")
        }
        var values: [PlanColumn: Decimal] = [:]
        for pair in text.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "="), let column = PlanColumn(rawValue: String(pair[..<equals])),
                let value = PlanFileReading.plainDecimal(pair[pair.index(after: equals)...])
            else { throw StoreError("the kept values of a plan file are unreadable at line \(line) (\(text)); run `sop check`") }
            values[column] = value
        }
        var month: CycleMonth?
        if !monthText.isEmpty {
            guard let parsed = CycleMonth(monthText) else { throw StoreError("the kept values of a plan file hold the month \(monthText); run `sop check`") }
            month = parsed
        }
        return PlanRow(line: line, family: column(1), resource: column(2), month: month, values: values)
    }
}
