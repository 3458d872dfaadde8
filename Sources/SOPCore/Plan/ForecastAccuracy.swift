import Foundation

/// One cycle as the accuracy figures see it: its month, whether it was cancelled (a cancelled
/// cycle counts in no figure), and its demand and actuals plans of record.
public struct CyclePlans: Sendable, Equatable {
    public var month: CycleMonth
    public var cancelled: Bool
    public var demand: PlanTable?
    public var actuals: PlanTable?

    public init(month: CycleMonth, cancelled: Bool = false, demand: PlanTable? = nil, actuals: PlanTable? = nil) {
        self.month = month
        self.cancelled = cancelled
        self.demand = demand
        self.actuals = actuals
    }
}

/// One forecast met by its actual: target month m, the forecast made in cycle m−lag.
public struct AccuracyPoint: Sendable, Equatable {
    public var month: CycleMonth
    public var forecast: Decimal
    public var actual: Decimal
    public var forecastCycle: CycleMonth
    /// A(m−lag), the naive forecast, when an actual for that month is known.
    public var naive: Decimal?
}

/// The pinned error measures over a set of points; nil where one cannot be computed.
public struct AccuracyFigures: Sendable, Equatable {
    public var pairs: Int
    /// Σ|F−A| / ΣA.
    public var wmape: Double?
    /// mean(|F−A| / A) over the points with A > 0.
    public var mape: Double?
    /// Σ(F−A) / ΣA: positive means over-forecast.
    public var bias: Double?
    /// Σ(A−F) / MAD.
    public var trackingSignal: Double?
    /// mean|A−F|.
    public var mad: Double?
    /// WMAPE of the naive forecast A(m−lag), over the points that have one.
    public var naiveWmape: Double?
    /// naiveWmape − wmape on those same points: positive when the forecast adds value.
    public var fva: Double?

    public init(_ points: [AccuracyPoint]) {
        var sums = AccuracySums()
        for p in points { sums.add(p) }
        self.init(sums)
    }

    init(_ sums: AccuracySums) {
        pairs = sums.pairs
        let sumA = sums.actual.ratioValue
        wmape = sums.pairs > 0 && sums.actual != 0 ? sums.absError.ratioValue / sumA : nil
        bias = sums.pairs > 0 && sums.actual != 0 ? sums.error.ratioValue / sumA : nil
        mape = sums.ratioCount > 0 ? sums.ratios / Double(sums.ratioCount) : nil
        let mad = sums.pairs > 0 ? sums.absError.ratioValue / Double(sums.pairs) : nil
        self.mad = mad
        trackingSignal = mad.flatMap { $0 > 0 ? (-sums.error).ratioValue / $0 : nil }
        if sums.naivePairs > 0, sums.naiveActual != 0 {
            let naive = sums.naiveAbs.ratioValue / sums.naiveActual.ratioValue
            naiveWmape = naive
            fva = naive - sums.naiveForecastAbs.ratioValue / sums.naiveActual.ratioValue
        } else {
            naiveWmape = nil
            fva = nil
        }
    }
}

/// The running sums the measures are made of: each point is added once per set it belongs to
/// (its family, its target month), and the total is the families' sums added up, so the figures
/// stay linear in the points.
struct AccuracySums {
    var pairs = 0
    var absError: Decimal = 0, error: Decimal = 0, actual: Decimal = 0
    /// Σ|F−A|/A over the points with A > 0, and how many those are.
    var ratios: Double = 0, ratioCount = 0
    var naivePairs = 0
    var naiveAbs: Decimal = 0, naiveForecastAbs: Decimal = 0, naiveActual: Decimal = 0

    mutating func add(_ p: AccuracyPoint) {
        let e = p.forecast - p.actual
        pairs += 1
        absError += abs(e)
        error += e
        actual += p.actual
        if p.actual > 0 {
            // A per-point ratio only feeds a mean: the quick conversion is close enough here.
            ratios += NSDecimalNumber(decimal: abs(e)).doubleValue / NSDecimalNumber(decimal: p.actual).doubleValue
            ratioCount += 1
        }
        if let naive = p.naive {
            naivePairs += 1
            naiveAbs += abs(naive - p.actual)
            naiveForecastAbs += abs(e)
            naiveActual += p.actual
        }
    }

    mutating func add(_ other: AccuracySums) {
        pairs += other.pairs
        absError += other.absError
        error += other.error
        actual += other.actual
        ratios += other.ratios
        ratioCount += other.ratioCount
        naivePairs += other.naivePairs
        naiveAbs += other.naiveAbs
        naiveForecastAbs += other.naiveForecastAbs
        naiveActual += other.naiveActual
    }
}

public struct FamilyAccuracy: Sendable, Equatable {
    public var family: String
    public var figures: AccuracyFigures
    /// By target month.
    public var points: [AccuracyPoint]
}

/// The total WMAPE and bias of one target month, for the trend line of the terminal view and the
/// meeting pack's accuracy chart.
public struct AccuracyTrendPoint: Sendable, Equatable {
    public var month: CycleMonth
    public var pairs: Int
    public var wmape: Double?
    /// Σ(F−A) / ΣA over the month's pairs: positive means over-forecast.
    public var bias: Double?
}

/// `accuracy --lag K --months N [--family F]`: how far the demand plans of record were from what
/// was sold.
public struct ForecastAccuracy: Sendable, Equatable {
    public var lag: Int
    public var months: Int
    public var family: String?
    /// The target months of the window (the last `months` with a pair), in order.
    public var window: [CycleMonth]
    /// By name.
    public var families: [FamilyAccuracy]
    public var total: AccuracyFigures
    /// One per window month.
    public var trend: [AccuracyTrendPoint]

    /// Builds the figures from every cycle (any order). Linear in the rows: actuals are indexed by
    /// (family, month) once, and only the demand rows for month c+lag of each cycle c are read.
    public init(cycles: [CyclePlans], lag: Int = 1, months: Int = 12, family: String? = nil) throws(Refusal) {
        guard lag >= 1 else {
            throw Refusal(.badArgument, "--lag must be 1 or more, not \(lag): a lag-0 forecast is made in the month it forecasts", fix: "use --lag 1 (the forecast of the cycle before)")
        }
        guard months >= 1 else {
            throw Refusal(.badArgument, "--months must be 1 or more, not \(months)", fix: "use --months 12 (the last twelve target months)")
        }
        self.lag = lag
        self.months = months
        self.family = family
        let counted = cycles.filter { !$0.cancelled }.sorted { $0.month < $1.month }

        // The most recent actuals plan of record that has (f, m) wins: later cycles overwrite.
        var actuals: [String: [CycleMonth: Decimal]] = [:]
        for cycle in counted {
            for row in cycle.actuals?.rows ?? [] {
                guard let f = row.family, family == nil || f == family, let m = row.month, let a = row[.quantity] else { continue }
                actuals[f, default: [:]][m] = a
            }
        }
        var points: [String: [AccuracyPoint]] = [:]
        for cycle in counted {
            let target = cycle.month.adding(lag)
            let rows = cycle.demand?.rows ?? []
            // Only month c+lag of each plan is read; the index loop looks at a row's month without
            // copying the row (most rows are other months).
            for i in rows.indices where rows[i].month == target {
                let row = rows[i]
                guard let f = row.family, family == nil || f == family, let forecast = row[.quantity],
                    let byMonth = actuals[f], let actual = byMonth[target]
                else { continue }
                // The naive forecast for target m is A(m−lag): m−lag is the forecasting cycle's month.
                points[f, default: []].append(
                    AccuracyPoint(month: target, forecast: forecast, actual: actual, forecastCycle: cycle.month, naive: byMonth[cycle.month]))
            }
        }
        let window = Array(Set(points.values.flatMap { $0.map(\.month) }).sorted().suffix(months))
        let first = window.first
        var families: [FamilyAccuracy] = []
        var total = AccuracySums()
        var byMonth: [CycleMonth: AccuracySums] = [:]
        for f in points.keys.sorted() {
            let kept = (points[f] ?? []).filter { p in first.map { p.month >= $0 } ?? false }.sorted { $0.month < $1.month }
            guard !kept.isEmpty else { continue }
            var sums = AccuracySums()
            for p in kept {
                sums.add(p)
                byMonth[p.month, default: AccuracySums()].add(p)
            }
            families.append(FamilyAccuracy(family: f, figures: AccuracyFigures(sums), points: kept))
            total.add(sums)
        }
        self.window = window
        self.families = families
        self.total = AccuracyFigures(total)
        trend = window.map { m in
            let figures = AccuracyFigures(byMonth[m] ?? AccuracySums())
            return AccuracyTrendPoint(month: m, pairs: figures.pairs, wmape: figures.wmape, bias: figures.bias)
        }
    }

    /// The target months the balance's `forecast-error` exception looks back over.
    public static let forecastErrorMonths = 12

    /// Each family's lag-1 WMAPE over the last `months` target months, for the balance's
    /// `forecast-error` exception (families whose WMAPE cannot be computed are left out).
    public static func lagOneWMAPE(cycles: [CyclePlans], months: Int = forecastErrorMonths) -> [String: Double] {
        guard let accuracy = try? ForecastAccuracy(cycles: cycles, lag: 1, months: max(months, 1)) else { return [:] }
        return accuracy.familyWMAPE
    }

    /// Each family's WMAPE over the window (families whose WMAPE cannot be computed are left out):
    /// of a lag-1, twelve-month accuracy, what `lagOneWMAPE` gives, so a caller that already has that
    /// accuracy (the agenda) need not compute it twice.
    public var familyWMAPE: [String: Double] {
        var wmape: [String: Double] = [:]
        for family in families { wmape[family.family] = family.figures.wmape }
        return wmape
    }
}
