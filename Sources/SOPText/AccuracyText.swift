import Foundation
import SOPCore

/// `accuracy --json`: the pinned keys, plus `months`, `family`, `window`, `mad`, each point's
/// `naive`, and the `trend`. Figures that cannot be computed are `null`.
public struct AccuracyJSON: Encodable, Sendable {
    var lag: Int
    var months: Int
    @Nullable var family: String?
    var window: [String]
    var families: [Family]
    var total: Figures
    var trend: [Trend]

    struct Figures: Encodable, Sendable {
        var pairs: Int
        @Nullable var wmape: Double?
        @Nullable var mape: Double?
        @Nullable var bias: Double?
        @Nullable var trackingSignal: Double?
        @Nullable var mad: Double?
        @Nullable var naiveWmape: Double?
        @Nullable var fva: Double?

        init(_ f: AccuracyFigures) {
            pairs = f.pairs
            wmape = f.wmape
            mape = f.mape
            bias = f.bias
            trackingSignal = f.trackingSignal
            mad = f.mad
            naiveWmape = f.naiveWmape
            fva = f.fva
        }
    }

    struct Family: Encodable, Sendable {
        var family: String
        var figures: Figures
        var points: [Point]

        enum CodingKeys: String, CodingKey { case family, points }

        // The family's figures sit beside its name, as DESIGN pins them, not in a nested object.
        func encode(to encoder: any Encoder) throws {
            try figures.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(family, forKey: .family)
            try container.encode(points, forKey: .points)
        }
    }

    struct Point: Encodable, Sendable {
        var month: String
        var forecast: Decimal
        var actual: Decimal
        var forecastCycle: String
        @Nullable var naive: Decimal?
    }

    struct Trend: Encodable, Sendable {
        var month: String
        var pairs: Int
        @Nullable var wmape: Double?
    }

    public init(_ a: ForecastAccuracy) {
        lag = a.lag
        months = a.months
        family = a.family
        window = a.window.map(\.description)
        families = a.families.map { f in
            Family(
                family: f.family, figures: Figures(f.figures),
                points: f.points.map { Point(month: "\($0.month)", forecast: $0.forecast, actual: $0.actual, forecastCycle: "\($0.forecastCycle)", naive: $0.naive) })
        }
        total = Figures(a.total)
        trend = a.trend.map { Trend(month: "\($0.month)", pairs: $0.pairs, wmape: $0.wmape) }
    }
}

/// `accuracy` on the terminal: a table per family and the total, then the total WMAPE of each
/// target month, oldest first.
public enum AccuracyText {
    public static func render(_ a: ForecastAccuracy, width: Int = 100) -> String {
        let scope = a.family.map { " of \($0)" } ?? ""
        guard !a.families.isEmpty else {
            return "No lag-\(a.lag) forecast\(scope) has an actual yet: a forecast for month M is made in cycle M-\(a.lag) and needs the actuals of M."
        }
        let first = a.window.first.map { "\($0)" } ?? "", last = a.window.last.map { "\($0)" } ?? ""
        var lines = TextWrap.lines(
            "Forecast accuracy\(scope) at lag \(a.lag) over \(a.window.count.counted("target month")) (\(first) to \(last)); ratios in %, bias positive when over-forecast.",
            width: width)
        var table = TextTable(["FAMILY", "PAIRS", "WMAPE", "MAPE", "BIAS", "TRACKING", "MAD", "NAIVE WMAPE", "FVA"], width: width)
        for f in a.families { table.add(row(f.family, f.figures)) }
        if a.families.count > 1 || a.family == nil { table.add(row("Total", a.total)) }
        lines += ["", table.rendered, "", "Total WMAPE by target month:"]
        for t in a.trend {
            lines.append("  \(t.month)  \(PlanNumbers.right(PlanNumbers.percent1(t.wmape), 7))  (\(t.pairs.counted("pair")))")
        }
        return lines.joined(separator: "\n")
    }

    static func row(_ name: String, _ f: AccuracyFigures) -> [String] {
        [
            name, "\(f.pairs)", PlanNumbers.percent1(f.wmape), PlanNumbers.percent1(f.mape), PlanNumbers.percent1(f.bias),
            PlanNumbers.decimal1(f.trackingSignal), PlanNumbers.decimal1(f.mad), PlanNumbers.percent1(f.naiveWmape), PlanNumbers.percent1(f.fva),
        ]
    }
}

extension PlanNumbers {
    static func right(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
}
