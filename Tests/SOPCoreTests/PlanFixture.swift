import Foundation
import SOPCore

/// Plan tables written inline, so a figure test reads like the spreadsheet it checks.
enum PlanFixture {
    static func month(_ text: String) -> CycleMonth { CycleMonth(text) ?? CycleMonth(year: 1900, month: 1) }

    /// Rows of (family, month, quantity) for demand, supply or actuals.
    static func quantities(_ kind: PlanKind, _ rows: [(String, String, Decimal)]) -> PlanTable {
        PlanTable(kind: kind, rows: rows.enumerated().map { i, r in PlanRow(line: i + 2, family: r.0, month: month(r.1), values: [.quantity: r.2]) })
    }

    /// One family's quantities for consecutive months from `first`.
    static func series(_ kind: PlanKind, _ family: String, from first: String, _ values: [Decimal]) -> [(String, String, Decimal)] {
        var m = month(first)
        var rows: [(String, String, Decimal)] = []
        for v in values {
            rows.append((family, "\(m)", v))
            m = m.next
        }
        return rows
    }

    static func inventory(_ rows: [(String, Decimal, Decimal?)]) -> PlanTable {
        PlanTable(
            kind: .inventory,
            rows: rows.enumerated().map { i, r in
                var values: [PlanColumn: Decimal] = [.quantity: r.1]
                if let safety = r.2 { values[.safetyStock] = safety }
                return PlanRow(line: i + 2, family: r.0, values: values)
            })
    }

    static func revenue(_ kind: PlanKind, _ rows: [(String, String, Decimal)]) -> PlanTable {
        PlanTable(kind: kind, rows: rows.enumerated().map { i, r in PlanRow(line: i + 2, family: r.0, month: month(r.1), values: [.revenue: r.2]) })
    }

    static func capacity(_ rows: [(String, String, Decimal, Decimal)]) -> PlanTable {
        PlanTable(
            kind: .capacity,
            rows: rows.enumerated().map { i, r in PlanRow(line: i + 2, resource: r.0, month: month(r.1), values: [.available: r.2, .required: r.3]) })
    }
}
