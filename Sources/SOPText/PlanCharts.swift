import Foundation
import Plot
import SOPCore

/// The meeting pack's plan charts: a family's balance over the horizon, its forecasts against what
/// was sold, and the accuracy trend. Each draws SOPCore's values as they are; which months are short
/// or under safety stock comes from the balance's exceptions, not from a test made here.
enum PlanCharts {
    /// Demand as bars, supply and projected inventory as marked lines, the safety stock dashed, and
    /// every short month hatched and labelled.
    static func familyBalance(_ family: FamilyBalance, groups: [ExceptionGroup]) -> Node<HTML.BodyContext> {
        let months = family.months
        let short = Set(groups.filter { $0.kind == .shortage }.flatMap(\.months))
        let belowSafety = Set(groups.filter { $0.kind == .belowSafetyStock }.flatMap(\.months))
        let safety = family.safetyStock?.chartValue
        var values = months.flatMap { [$0.demand.chartValue, $0.inventory.chartValue] + ($0.supply.map { [$0.chartValue] } ?? []) }
        if let safety { values.append(safety) }
        // Room above the plot for two rows of legend.
        let frame = ChartFrame(width: 640, height: 274, top: 44, values: values, slots: months.count)
        let band = frame.slotWidth

        var nodes: [SVGNode] = [ChartParts.valueAxis(frame)]
        // Short months first, so everything else draws over their hatching.
        for (i, m) in months.enumerated() where short.contains(m.month) {
            nodes.append(SVG.rect(x: frame.x(slot: i) - band / 2, y: frame.top, width: band, height: frame.plotHeight, class: "short-month",
                                  tip: "\(m.month): short, projected inventory \(PlanNumbers.quantity(m.inventory))"))
            nodes.append(SVG.text("short", x: frame.x(slot: i), y: frame.top + 9, anchor: .middle, class: "short-label"))
        }
        for (i, m) in months.enumerated() {
            let top = frame.y(m.demand.chartValue)
            nodes.append(SVG.rect(x: frame.x(slot: i) - band * 0.3, y: min(top, frame.baseline), width: band * 0.6,
                                  height: abs(frame.baseline - top), class: "demand", tip: "\(m.month): demand \(PlanNumbers.quantity(m.demand))"))
        }
        if let safety {
            let y = frame.y(safety)
            nodes.append(SVG.line(x1: frame.left, y1: y, x2: frame.width - frame.right, y2: y, class: "safety"))
            nodes.append(SVG.text("safety stock \(PlanNumbers.quantity(family.safetyStock))", x: frame.width - frame.right - 2, y: y - 4, anchor: .end, class: "safety-label"))
        }
        let supplied = months.enumerated().compactMap { i, m in m.supply.map { (i, m.month, $0) } }
        if !supplied.isEmpty {
            nodes.append(SVG.polyline(supplied.map { (frame.x(slot: $0.0), frame.y($0.2.chartValue)) }, class: "supply"))
            for (i, month, value) in supplied {
                nodes.append(SVG.marker(.square, x: frame.x(slot: i), y: frame.y(value.chartValue), size: 3, class: "supply-mark",
                                        tip: "\(month): supply \(PlanNumbers.quantity(value))"))
            }
        }
        nodes.append(SVG.polyline(months.enumerated().map { (frame.x(slot: $0.offset), frame.y($0.element.inventory.chartValue)) }, class: "inventory"))
        for (i, m) in months.enumerated() {
            let shape: SVG.Marker = short.contains(m.month) ? .cross : belowSafety.contains(m.month) ? .triangle : .circle
            let style = short.contains(m.month) ? "inventory-short" : belowSafety.contains(m.month) ? "inventory-low" : "inventory-mark"
            nodes.append(SVG.marker(shape, x: frame.x(slot: i), y: frame.y(m.inventory.chartValue), size: shape == .cross ? 4.5 : 3.5, class: style,
                                    tip: "\(m.month): projected inventory \(PlanNumbers.quantity(m.inventory))"))
        }
        nodes.append(ChartParts.monthAxis(frame, months: months.map { "\($0.month)" }))
        var legend: [(ChartParts.Sample, String)] = [(.bar("demand"), "Demand"), (.line("inventory", .circle), "Projected inventory")]
        if !supplied.isEmpty { legend.insert((.line("supply", .square), "Supply"), at: 1) }
        if safety != nil { legend.append((.line("safety", nil), "Safety stock")) }
        if !short.isEmpty { legend.append((.mark("inventory-short", .cross), "Short")) }
        if !belowSafety.isEmpty { legend.append((.mark("inventory-low", .triangle), "Below safety stock")) }
        nodes.append(ChartParts.legend(legend))

        var label = "\(family.family): demand"
        label += supplied.isEmpty ? " and projected inventory" : ", supply and projected inventory"
        label += " by month, \(AgendaPlanText.span(months.map(\.month))); opening inventory \(PlanNumbers.quantity(family.openingInventory))"
        if let s = family.safetyStock { label += ", safety stock \(PlanNumbers.quantity(s))" }
        // The shortage in the balance's own words (its months and worst figure are SOPCore's).
        let shortages = groups.filter { $0.kind == .shortage }.map(PlanExceptionText.sentence)
        label += shortages.isEmpty ? "; never short." : ". " + shortages.joined(separator: " ")
        return SVG.chart(kind: "family-balance", width: frame.width, height: frame.height, label: label, nodes)
    }

    /// A family's lag-1 forecasts against its actuals over the accuracy window.
    static func forecastAgainstActual(_ family: FamilyAccuracy) -> Node<HTML.BodyContext> {
        let points = family.points
        let frame = ChartFrame(width: 360, height: 260, left: 50, values: points.flatMap { [$0.forecast.chartValue, $0.actual.chartValue] }, slots: points.count)
        var nodes: [SVGNode] = [ChartParts.valueAxis(frame)]
        nodes.append(SVG.polyline(points.enumerated().map { (frame.x(slot: $0.offset), frame.y($0.element.forecast.chartValue)) }, class: "forecast"))
        nodes.append(SVG.polyline(points.enumerated().map { (frame.x(slot: $0.offset), frame.y($0.element.actual.chartValue)) }, class: "actual"))
        for (i, p) in points.enumerated() {
            nodes.append(SVG.marker(.square, x: frame.x(slot: i), y: frame.y(p.forecast.chartValue), size: 3, class: "forecast-mark",
                                    tip: "\(p.month): forecast \(PlanNumbers.quantity(p.forecast)) (made in \(p.forecastCycle))"))
            nodes.append(SVG.marker(.circle, x: frame.x(slot: i), y: frame.y(p.actual.chartValue), class: "actual-mark",
                                    tip: "\(p.month): actual \(PlanNumbers.quantity(p.actual))"))
        }
        nodes.append(ChartParts.monthAxis(frame, months: points.map { "\($0.month)" }, room: 4))
        nodes.append(ChartParts.legend([(.line("actual", .circle), "Actual"), (.line("forecast", .square), "Forecast (lag 1)")], x: 50, limit: 352))
        let label = "\(family.family): actual against the lag-1 forecast, \(AgendaPlanText.span(points.map(\.month))); "
            + "WMAPE \(PlanNumbers.percent1(family.figures.wmape)), bias \(AgendaPlanText.signedPercent(family.figures.bias))."
        return SVG.chart(kind: "forecast-actual", width: frame.width, height: frame.height, label: label, nodes)
    }

    /// WMAPE and bias of each target month of the window: is the forecast getting better?
    static func accuracyTrend(_ accuracy: ForecastAccuracy) -> Node<HTML.BodyContext> {
        let trend = accuracy.trend
        let frame = ChartFrame(width: 640, height: 240, values: trend.flatMap { [$0.wmape, $0.bias].compactMap { $0 } }, slots: trend.count)
        var nodes: [SVGNode] = [ChartParts.valueAxis(frame, percent: true)]
        let wmape = trend.enumerated().compactMap { i, t in t.wmape.map { (i, t.month, $0) } }
        let bias = trend.enumerated().compactMap { i, t in t.bias.map { (i, t.month, $0) } }
        nodes.append(SVG.polyline(wmape.map { (frame.x(slot: $0.0), frame.y($0.2)) }, class: "wmape"))
        nodes.append(SVG.polyline(bias.map { (frame.x(slot: $0.0), frame.y($0.2)) }, class: "bias"))
        for (i, month, value) in wmape {
            nodes.append(SVG.marker(.circle, x: frame.x(slot: i), y: frame.y(value), class: "wmape-mark", tip: "\(month): WMAPE \(PlanNumbers.percent1(value))"))
            nodes.append(SVG.text(PlanNumbers.percent1(value), x: frame.x(slot: i), y: frame.y(value) - 7, anchor: .middle, class: "value"))
        }
        for (i, month, value) in bias {
            nodes.append(SVG.marker(.diamond, x: frame.x(slot: i), y: frame.y(value), size: 3, class: "bias-mark",
                                    tip: "\(month): bias \(AgendaPlanText.signedPercent(value))"))
        }
        nodes.append(ChartParts.monthAxis(frame, months: trend.map { "\($0.month)" }))
        nodes.append(ChartParts.legend([(.line("wmape", .circle), "WMAPE"), (.line("bias", .diamond), "Bias (+ over-forecast)")]))
        let label = "Forecast accuracy by target month, lag 1, \(AgendaPlanText.span(accuracy.window)): "
            + trend.map { "\($0.month) WMAPE \(PlanNumbers.percent1($0.wmape)), bias \(AgendaPlanText.signedPercent($0.bias))" }.joined(separator: "; ") + "."
        return SVG.chart(kind: "accuracy-trend", width: frame.width, height: frame.height, label: label, nodes)
    }
}
