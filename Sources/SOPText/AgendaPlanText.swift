import Foundation
import SOPCore

/// The agenda's plan-figure sections as blocks both forms print (text with aligned columns,
/// Markdown with tables). Every number is a SOPCore value: this file words and lays out, it adds
/// nothing up.
enum AgendaBlock: Equatable {
    case paragraph(String)
    /// A line introducing what follows.
    case label(String)
    case bullets([String])
    case table([String], [[String]])
}

enum AgendaPlanText {
    /// How many plan changes the first section lists; `plan diff` lists them all.
    static let topChanges = 5

    static let noPlanInputs = "No plan figures: the workflow declares no plan inputs (a CSV input with `plan: KIND`)."

    static func noDemandPlan(_ agenda: Agenda) -> String {
        "No plan figures yet: cycle \(agenda.cycle) has no demand plan of record (it makes the horizon)."
    }

    /// The one line a figure section says when there are no figures.
    static func without(_ agenda: Agenda) -> String? {
        switch agenda.plan {
        case .noPlanInputs: noPlanInputs
        case .noDemandPlan: noDemandPlan(agenda)
        case .figures: nil
        }
    }

    // MARK: 1. plan changes

    static func changes(_ agenda: Agenda) -> [AgendaBlock] {
        switch agenda.plan {
        case .noPlanInputs: return []
        case .noDemandPlan: return [.paragraph("Plan changes: not known yet: cycle \(agenda.cycle) has no demand plan of record.")]
        case .figures(let plan):
            guard let diff = plan.diff else {
                return [.paragraph("Plan changes: no earlier cycle's plan to compare with.")]
            }
            guard !diff.changes.isEmpty else {
                return [.paragraph("Plan changes against the \(diff.against) plan: none in the months both plans hold.")]
            }
            let shown = diff.changes.prefix(topChanges)
            let intro = diff.changes.count > shown.count
                ? "Plan changes against the \(diff.against) plan: the largest \(shown.count) of \(diff.changes.count) (`plan diff` lists them all):"
                : "Plan changes against the \(diff.against) plan (`plan diff` shows them too):"
            return [
                .label(intro),
                .table(
                    ["Plan", "Family", "Month", "Before", "After", "Change"],
                    shown.map { c in
                        [c.kind.rawValue, c.family, "\(c.month)", PlanNumbers.quantity(c.before), PlanNumbers.quantity(c.after),
                         c.delta.map(PlanNumbers.signed) ?? (c.before == nil ? "new" : "dropped")]
                    }),
            ]
        }
    }

    // MARK: 3. product families

    static func families(_ agenda: Agenda) -> [AgendaBlock] {
        if let line = without(agenda) { return [.paragraph(line)] }
        guard let plan = agenda.plan.figures else { return [] }
        let last = plan.lastMonth
        guard !last.families.isEmpty else {
            return [.paragraph(
                "No lag-1 forecast has met its actual yet: accuracy needs a cycle's demand plan for the month after it and that month's actuals.")]
        }
        let window = plan.accuracy.window
        let span = window.first.map { first in window.count == 1 ? "\(first)" : "\(first) to \(window.last ?? first)" } ?? "-"
        var rows = last.families.map { f in
            [f.family, PlanNumbers.quantity(f.point?.forecast), PlanNumbers.quantity(f.point?.actual), f.error.map(PlanNumbers.signed) ?? "-",
             PlanNumbers.percent1(f.figures.wmape), signedPercent(f.figures.bias), "\(f.figures.pairs)"]
        }
        rows.append(["Total", "", "", "", PlanNumbers.percent1(last.total.wmape), signedPercent(last.total.bias), "\(last.total.pairs)"])
        return [
            .label("\(last.month): actual against the forecast made a month before (lag 1); accuracy over \(span) (`accuracy` shows the points):"),
            .table(["Family", "Forecast", "Actual", "F - A", "WMAPE", "Bias", "Pairs"], rows),
        ]
    }

    // MARK: 4. financial

    static func finance(_ agenda: Agenda) -> [AgendaBlock] {
        if let line = without(agenda) { return [.paragraph(line)] }
        guard let plan = agenda.plan.figures else { return [] }
        let f = plan.finance
        guard !f.families.isEmpty else {
            let missing = [f.hasRevenue ? nil : "no finance plan (revenue)", f.hasBudget ? nil : "no budget"].compactMap { $0 }
            return [.paragraph(
                missing.isEmpty ? "No horizon month has both a revenue and a budget for one family."
                    : "Not measurable: the horizon has \(missing.joined(separator: " and ")).")]
        }
        var rows = f.families.map { financeRow($0.family, $0.figures) }
        rows.append(financeRow("Total", f.total))
        return [
            .label("Revenue against budget over the horizon (\(span(plan.balance.horizon))), months with both:"),
            .table(["Family", "Months", "Revenue", "Budget", "Deviation"], rows),
        ]
    }

    static func financeRow(_ name: String, _ f: FinanceFigures) -> [String] {
        [name, "\(f.months)", PlanNumbers.quantity(f.revenue), PlanNumbers.quantity(f.budget), signedPercent(f.deviation)]
    }

    // MARK: 5. exceptions

    static func exceptions(_ agenda: Agenda) -> [AgendaBlock] {
        switch agenda.plan {
        case .noPlanInputs: return []
        case .noDemandPlan: return [.paragraph("Plan exceptions: not known yet: cycle \(agenda.cycle) has no demand plan of record.")]
        case .figures(let plan):
            guard !plan.exceptions.isEmpty else { return [.paragraph("Plan exceptions: none in the balance.")] }
            return [
                .label("Plan exceptions (`balance` shows the grid):"),
                .bullets(plan.exceptions.map(PlanExceptionText.sentence)),
            ]
        }
    }

    static func span(_ months: [CycleMonth]) -> String {
        guard let first = months.first, let last = months.last else { return "no months" }
        return first == last ? "\(first)" : "\(first) to \(last)"
    }

    // MARK: 6. scenarios under a proposal

    static func comparison(_ proposal: Agenda.ProposalItem, in agenda: Agenda) -> [AgendaBlock] {
        guard let found = agenda.plan.figures?.comparisons.first(where: { $0.proposal == proposal.id }) else { return [] }
        let c = found.comparison
        let plans: [(String, PlanKPIs)] = [("baseline", c.baseline)] + c.scenarios.map {
            ($0.scenario.name + ($0.promotedBy.map { " (promoted by \(FollowUpKind.decision.label($0)))" } ?? ""), $0.kpis)
        }
        return [
            .label("Scenario comparison over the horizon (`scenario compare \(c.scenarios.map(\.scenario.name).joined(separator: " "))`):"),
            .table(
                ["Plan", "Demand", "Supply", "Shortage", "Months short", "Ending inv.", "Revenue"],
                plans.map { name, k in
                    [name, PlanNumbers.quantity(k.total.demand), PlanNumbers.quantity(k.total.supply), PlanNumbers.quantity(k.total.shortage),
                     "\(k.total.monthsShort)", PlanNumbers.quantity(k.total.endingInventory), PlanNumbers.quantity(k.total.revenue)]
                }),
        ]
    }

    // MARK: 8. constraints

    static func constraints(_ agenda: Agenda) -> [AgendaBlock] {
        switch agenda.plan {
        case .noPlanInputs: return []
        case .noDemandPlan: return [.paragraph(noDemandPlan(agenda))]
        case .figures(let plan):
            let over = plan.exceptions.filter { $0.kind == .overCapacity }
            let short = plan.exceptions.filter { $0.kind == .shortage }
            var blocks: [AgendaBlock] = [.label("Over capacity:")]
            if plan.balance.resources.isEmpty {
                blocks.append(.bullets(["No capacity plan of record: utilisation is not known."]))
            } else {
                blocks.append(.bullets(over.isEmpty ? ["No resource over capacity over the horizon."] : over.map(PlanExceptionText.sentence)))
            }
            blocks.append(.label("Shortages:"))
            blocks.append(.bullets(short.isEmpty ? ["No family runs short over the horizon."] : short.map(PlanExceptionText.sentence)))
            return blocks
        }
    }

    // MARK: 9. long term

    static func longTerm(_ agenda: Agenda) -> [AgendaBlock] {
        if let line = without(agenda) { return [.paragraph(line)] }
        guard let plan = agenda.plan.figures else { return [] }
        let l = plan.longTerm
        guard !l.months.isEmpty else { return [.paragraph("The demand plan holds no month from \(agenda.cycle) on: there is no horizon.")] }
        var rows = l.families.map { f in
            [f.family, PlanNumbers.quantity(f.demand), PlanNumbers.quantity(f.supply), PlanNumbers.quantity(f.endingInventory),
             f.finance.months > 0 ? PlanNumbers.quantity(f.finance.revenue) : "-", f.finance.months > 0 ? PlanNumbers.quantity(f.finance.budget) : "-",
             signedPercent(f.finance.deviation)]
        }
        rows.append(["Total", "", "", "", l.total.months > 0 ? PlanNumbers.quantity(l.total.revenue) : "-",
                     l.total.months > 0 ? PlanNumbers.quantity(l.total.budget) : "-", signedPercent(l.total.deviation)])
        return [
            .label("The horizon's last \(l.months.count == 1 ? "month" : "\(l.months.count) months") (\(span(l.months))) against the budget:"),
            .table(["Family", "Demand", "Supply", "Ending inv.", "Revenue", "Budget", "Deviation"], rows),
        ]
    }

    /// A fraction as a signed percentage to one decimal: `+2.1%`, `-5.6%`; `-` when unknown.
    static func signedPercent(_ ratio: Double?) -> String {
        guard let ratio else { return "-" }
        let text = PlanNumbers.percent1(ratio)
        return ratio > 0 && !text.hasPrefix("-") ? "+" + text : text
    }
}
