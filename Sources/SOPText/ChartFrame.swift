import Foundation

/// Where a chart draws: its plot area inside the margins, a linear value axis with round ticks,
/// and evenly spaced slots along the other axis (months, stages, plans). Layout only: the values
/// it places are SOPCore's figures.
struct ChartFrame {
    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    /// The value axis, widened to round tick values (always including 0).
    var low: Double
    var high: Double
    var ticks: [Double]
    /// How many slots the category axis holds.
    var slots: Int

    init(width: Double, height: Double, left: Double = 58, right: Double = 14, top: Double = 30, bottom: Double = 38,
         values: [Double], slots: Int) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.slots = max(slots, 1)
        let finite = values.filter(\.isFinite)
        let (low, high, ticks) = Self.niceAxis(min: min(finite.min() ?? 0, 0), max: max(finite.max() ?? 0, 0))
        self.low = low
        self.high = high
        self.ticks = ticks
    }

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }
    var baseline: Double { y(0) }

    /// The vertical position of a value.
    func y(_ value: Double) -> Double {
        guard high > low else { return top + plotHeight }
        return top + plotHeight * (high - value) / (high - low)
    }

    /// The horizontal position of a value laid along the width (a horizontal bar's end).
    func x(value: Double) -> Double {
        guard high > low else { return left }
        return left + plotWidth * (value - low) / (high - low)
    }

    /// The centre of slot i, and the width of one slot.
    func x(slot i: Int) -> Double { left + slotWidth * (Double(i) + 0.5) }
    var slotWidth: Double { plotWidth / Double(slots) }

    /// Round ticks from a 1-2-5 step, about five of them, covering [min, max].
    static func niceAxis(min lo: Double, max hi: Double) -> (Double, Double, [Double]) {
        guard hi > lo else { return (lo, lo + 1, [lo, lo + 1]) }
        let raw = (hi - lo) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let start = floor(lo / step) * step
        let end = ceil(hi / step) * step
        var ticks: [Double] = []
        var t = start
        while t <= end + step / 2 && ticks.count < 20 {
            ticks.append(abs(t) < step / 1e6 ? 0 : t)
            t += step
        }
        return (start, end, ticks)
    }

    /// Every k-th slot gets a label, so labels never overlap (about `room` of them fit).
    func labelEvery(room: Int) -> Int { max(1, Int((Double(slots) / Double(max(room, 1))).rounded(.up))) }
}

extension Decimal {
    /// A figure as a chart coordinate (only ever used to place a mark; the labels print the exact value).
    var chartValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}
