import Foundation
import Plot
import SOPCore

/// The meeting pack's charts of the month itself: the stages on a timeline, revenue against budget,
/// and the scenarios under an open proposal. Lateness, sums and KPIs are SOPCore's; this file only
/// places them.
enum MeetingCharts {
    /// One row per stage: its due day (an open diamond), the day it was done (a filled circle), the
    /// late or overdue stretch hatched between them, and today as a dashed line.
    static func stageTimeline(_ agenda: Agenda) -> Node<HTML.BodyContext> {
        let stages = agenda.stagePerformance
        let today = agenda.preparedOn
        let days = stages.flatMap { [$0.due, $0.completedOn].compactMap { $0 } } + [today]
        let first = (days.map(\.ordinal).min() ?? today.ordinal) - 1
        let last = (days.map(\.ordinal).max() ?? today.ordinal) + 1
        let width = 640.0, left = 168.0, right = 150.0, top = 30.0, row = 24.0
        let height = top + row * Double(max(stages.count, 1)) + 34
        let plotWidth = width - left - right
        func x(_ day: Day) -> Double { left + plotWidth * Double(day.ordinal - first) / Double(max(last - first, 1)) }

        var nodes: [SVGNode] = []
        // Day grid: a tick every k days so the labels keep apart.
        let span = last - first
        let every = max(1, Int((Double(span) / 8).rounded(.up)))
        for ordinal in stride(from: first, through: last, by: every) {
            let day = Day(ordinal: ordinal)
            let dx = x(day)
            nodes.append(SVG.line(x1: dx, y1: top - 4, x2: dx, y2: height - 30, class: "grid"))
            nodes.append(SVG.text(String("\(day)".dropFirst(5)), x: dx, y: height - 16, anchor: .middle, class: "tick"))
        }
        for (i, p) in stages.enumerated() {
            let y = top + row * (Double(i) + 0.5)
            nodes.append(SVG.text(p.title, x: left - 8, y: y + 4, anchor: .end, class: "stage-name"))
            nodes.append(SVG.line(x1: left, y1: y, x2: width - right, y2: y, class: "lane"))
            if let due = p.due {
                switch p.timeliness {
                case .late:
                    if let done = p.completedOn {
                        nodes.append(SVG.rect(x: x(due), y: y - 6, width: x(done) - x(due), height: 12, class: "late-bar",
                                              tip: "\(p.title): \(AgendaText.performance(p))"))
                    }
                case .overdue:
                    nodes.append(SVG.rect(x: x(due), y: y - 6, width: x(today) - x(due), height: 12, class: "overdue-bar",
                                          tip: "\(p.title): \(AgendaText.performance(p))"))
                case .onTime, .notYetDue, .waived, .noDueDate:
                    break
                }
                nodes.append(SVG.marker(.diamond, x: x(due), y: y, size: 4, class: "due-mark", tip: "\(p.title): due \(due)"))
            }
            if let done = p.completedOn {
                let waived = p.timeliness == .waived
                nodes.append(SVG.marker(waived ? .cross : .circle, x: x(done), y: y, size: 4, class: waived ? "waived-mark" : "done-mark",
                                        tip: "\(p.title): \(waived ? "waived" : "done") \(done)"))
            }
            nodes.append(SVG.text(AgendaText.performance(p, state: true), x: width - right + 8, y: y + 4, class: "status-\(p.timeliness.rawValue)"))
        }
        let tx = x(today)
        nodes.append(SVG.line(x1: tx, y1: top - 6, x2: tx, y2: height - 30, class: "today"))
        nodes.append(SVG.text("today \(today)", x: tx, y: top - 9, anchor: .middle, class: "today-label"))
        nodes.append(ChartParts.legend([(.mark("due-mark", .diamond), "Due"), (.mark("done-mark", .circle), "Done"), (.bar("late-bar"), "Late"),
                                        (.bar("overdue-bar"), "Overdue")], x: 4, y: height - 2))
        let label = "Stages of \(agenda.cycle) against their due days, today \(today): "
            + stages.map { p in
                "\(p.title) due \(p.due?.description ?? "no day")" + (p.completedOn.map { ", done \($0)" } ?? "") + ", \(AgendaText.performance(p))"
            }.joined(separator: "; ") + "."
        return SVG.chart(kind: "stage-timeline", width: width, height: height, label: label, nodes)
    }

    /// Per family, revenue (solid) beside budget (hatched) over the months with both, and the deviation.
    static func revenueAgainstBudget(_ finance: FinanceSummary) -> Node<HTML.BodyContext> {
        let families = finance.families
        let row = 30.0, top = 28.0
        let height = top + row * Double(max(families.count, 1)) + 26
        var frame = ChartFrame(width: 640, height: height, left: 96, right: 76, top: top, bottom: 26,
                               values: families.flatMap { [$0.figures.revenue.chartValue, $0.figures.budget.chartValue] }, slots: families.count)
        frame.slots = max(families.count, 1)
        var nodes: [SVGNode] = [ChartParts.horizontalValueAxis(frame, top: top)]
        let zero = frame.x(value: 0)
        for (i, f) in families.enumerated() {
            let y = top + row * Double(i)
            let revenue = frame.x(value: f.figures.revenue.chartValue)
            let budget = frame.x(value: f.figures.budget.chartValue)
            nodes.append(SVG.text(f.family, x: frame.left - 8, y: y + 15, anchor: .end, class: "stage-name"))
            nodes.append(SVG.rect(x: min(zero, revenue), y: y + 3, width: abs(revenue - zero), height: 10, class: "revenue",
                                  tip: "\(f.family): revenue \(PlanNumbers.quantity(f.figures.revenue))"))
            nodes.append(SVG.rect(x: min(zero, budget), y: y + 14, width: abs(budget - zero), height: 10, class: "budget",
                                  tip: "\(f.family): budget \(PlanNumbers.quantity(f.figures.budget))"))
            nodes.append(SVG.text(AgendaPlanText.signedPercent(f.figures.deviation), x: frame.width - frame.right + 8, y: y + 17,
                                  class: (f.figures.deviation ?? 0) < 0 ? "value-below" : "value"))
        }
        nodes.append(ChartParts.legend([(.bar("revenue"), "Revenue (finance plan)"), (.bar("budget"), "Budget")], x: frame.left, y: 16))
        nodes.append(SVG.text("Deviation", x: frame.width - frame.right + 8, y: 16, class: "legend"))
        let label = "Revenue against budget per family over the months with both: "
            + families.map { "\($0.family) revenue \(PlanNumbers.quantity($0.figures.revenue)), budget \(PlanNumbers.quantity($0.figures.budget)), \(AgendaPlanText.signedPercent($0.figures.deviation))" }
                .joined(separator: "; ") + "."
        return SVG.chart(kind: "revenue-budget", width: frame.width, height: frame.height, label: label, nodes)
    }

    /// The plans a proposal chooses between, on the two figures the meeting weighs first: the largest
    /// shortage (hatched) and the ending inventory (solid), each bar labelled with its value.
    static func scenarioComparison(_ proposal: String, plans: [(String, PlanKPIs)]) -> Node<HTML.BodyContext> {
        let row = 34.0, top = 28.0
        let height = top + row * Double(max(plans.count, 1)) + 26
        let values = plans.flatMap { [$0.1.total.shortage.chartValue, $0.1.total.endingInventory.chartValue] }
        let frame = ChartFrame(width: 640, height: height, left: 150, right: 90, top: top, bottom: 26, values: values, slots: plans.count)
        var nodes: [SVGNode] = [ChartParts.horizontalValueAxis(frame, top: top)]
        let zero = frame.x(value: 0)
        for (i, (name, kpis)) in plans.enumerated() {
            let y = top + row * Double(i)
            let shortage = frame.x(value: kpis.total.shortage.chartValue)
            let ending = frame.x(value: kpis.total.endingInventory.chartValue)
            nodes.append(SVG.text(name, x: frame.left - 8, y: y + 17, anchor: .end, class: "stage-name"))
            nodes.append(SVG.rect(x: min(zero, shortage), y: y + 3, width: abs(shortage - zero), height: 12, class: "shortage-bar",
                                  tip: "\(name): largest shortage \(PlanNumbers.quantity(kpis.total.shortage))"))
            nodes.append(SVG.text("short \(PlanNumbers.quantity(kpis.total.shortage))", x: max(zero, shortage) + 4, y: y + 13, class: "value"))
            nodes.append(SVG.rect(x: min(zero, ending), y: y + 17, width: abs(ending - zero), height: 12, class: "ending-bar",
                                  tip: "\(name): ending inventory \(PlanNumbers.quantity(kpis.total.endingInventory))"))
            nodes.append(SVG.text("end \(PlanNumbers.quantity(kpis.total.endingInventory))", x: max(zero, ending) + 4, y: y + 27, class: "value"))
        }
        nodes.append(ChartParts.legend([(.bar("shortage-bar"), "Largest shortage"), (.bar("ending-bar"), "Ending inventory")], x: frame.left, y: 16))
        let label = "\(proposal): the plans it chooses between, largest shortage and ending inventory over the horizon: "
            + plans.map { "\($0.0) short \(PlanNumbers.quantity($0.1.total.shortage)), ending \(PlanNumbers.quantity($0.1.total.endingInventory))" }
                .joined(separator: "; ") + "."
        return SVG.chart(kind: "scenario-comparison", width: frame.width, height: frame.height, label: label, nodes)
    }
}
