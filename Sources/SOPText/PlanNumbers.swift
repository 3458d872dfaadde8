import Foundation
import SOPCore

/// How plan figures read on the terminal: quantities as typed (`1200`, `1200.5`, `-150`), ratios
/// as percentages, cover in months to one decimal.
enum PlanNumbers {
    static func quantity(_ value: Decimal) -> String { "\(value)" }
    static func quantity(_ value: Decimal?) -> String { value.map(quantity) ?? "-" }
    static func signed(_ value: Decimal) -> String { value > 0 ? "+\(value)" : "\(value)" }

    /// A fraction as a whole percentage: 0.953 -> `95%`.
    static func percent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded()))%" }
    /// A fraction as a percentage to one decimal: 0.0561 -> `5.6%`.
    static func percent1(_ ratio: Double) -> String { String(format: "%.1f%%", ratio * 100) }
    static func percent1(_ ratio: Double?) -> String { ratio.map(percent1) ?? "-" }
    static func decimal1(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "-" }

    static func figure(_ figure: PlanFigure) -> String {
        switch figure {
        case .quantity(let q): quantity(q)
        case .ratio(let r): percent1(r)
        }
    }
}

/// A plan figure in JSON: a quantity as its exact decimal, a ratio as a fraction.
struct FigureJSON: Encodable, Sendable, Equatable {
    var figure: PlanFigure
    init(_ figure: PlanFigure) { self.figure = figure }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch figure {
        case .quantity(let q): try container.encode(q)
        case .ratio(let r): try container.encode(r)
        }
    }
}
