import Foundation

extension Decimal {
    /// A quantity as a `Double`, for ratios (cover, utilisation, WMAPE): figures are kept exact as
    /// `Decimal` and only the ratio made of them is approximate.
    /// Read from the decimal digits, so 0.95 becomes the `Double` nearest 0.95 (a mantissa times a
    /// power of ten can land one bit off).
    var ratioValue: Double { Double(description) ?? NSDecimalNumber(decimal: self).doubleValue }
}

/// A family's monthly values of one plan (demand, supply, finance...) read once into a dictionary,
/// so every figure looks a month up instead of scanning the rows again.
struct FamilyMonthValues {
    private var values: [String: [CycleMonth: Decimal]] = [:]

    init(_ table: PlanTable?, column: PlanColumn) {
        for row in table?.rows ?? [] {
            guard let family = row.family, let month = row.month, let value = row[column] else { continue }
            values[family, default: [:]][month] = value
        }
    }

    var families: Set<String> { Set(values.keys) }
    var months: Set<CycleMonth> { Set(values.values.flatMap(\.keys)) }
    func contains(_ family: String) -> Bool { values[family] != nil }
    func value(_ family: String, _ month: CycleMonth) -> Decimal? { values[family]?[month] }
}

extension CycleMonth {
    /// The months from `self` to `last`, both included (empty when `last` is earlier).
    func through(_ last: CycleMonth) -> [CycleMonth] {
        var months: [CycleMonth] = []
        var month = self
        while month <= last {
            months.append(month)
            month = month.next
        }
        return months
    }
}
