import SOPCore

/// `balance` on the terminal, laid out like the family spreadsheet planners keep: months across,
/// one row per figure, one block per family; the horizon is paged in blocks of months so no line
/// runs past `width`. Then the resources and the exceptions as sentences.
public enum BalanceText {
    static let legend = ["! projected inventory below zero (shortage)", "* below safety stock", ">k cover lasts past the k months left in the horizon", "- not in the plan"]

    /// The notes under the headline: what the balance cannot show, and what to submit.
    static func notes(_ notes: PlanNotes, width: Int) -> [String] {
        var lines: [String] = []
        for m in notes.missing {
            lines += TextWrap.lines(
                "No \(m.kind.rawValue) plan submitted yet in \(notes.cycle) (submit \(m.stage) \(m.input) FILE).", first: "Note: ", rest: "  ", width: width)
        }
        if !notes.familiesWithoutDemand.isEmpty {
            lines += TextWrap.lines(
                "\(notes.familiesWithoutDemand.andList) \(notes.familiesWithoutDemand.count == 1 ? "is" : "are") in other plans but not in the demand plan: shown with demand 0.",
                first: "Note: ", rest: "  ", width: width)
        }
        return lines
    }

    public static func render(_ balance: Balance, notes planNotes: PlanNotes, width: Int = 100) -> String {
        let text = render(balance, width: width)
        let extra = notes(planNotes, width: width)
        guard !extra.isEmpty else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Under the headline, where a planner looks first.
        let headline = lines.firstIndex(where: \.isEmpty) ?? lines.count
        lines.insert(contentsOf: extra, at: headline)
        return lines.joined(separator: "\n")
    }

    public static func render(_ balance: Balance, width: Int = 100) -> String {
        guard !balance.horizon.isEmpty else {
            return "Cycle \(balance.cycle): the demand plan has no month from \(balance.cycle) on, so there is no balance to show."
        }
        let grids = balance.families.map { familyGrid($0, horizon: balance.horizon) }
        let resourceGrids = balance.resources.map { resourceGrid($0, exceptions: balance.exceptions) }
        let all = grids + resourceGrids
        let cell = max(7, all.flatMap { $0.rows.flatMap { $0.cells.map(\.text.count) } }.max() ?? 0) + 1
        let label = all.flatMap { $0.rows.map(\.label.count) }.max() ?? 0
        let perPage = max(1, (width - label) / (cell + 2))

        let first = balance.horizon.first.map { "\($0)" } ?? "", last = balance.horizon.last.map { "\($0)" } ?? ""
        var lines = TextWrap.lines(
            "Balance of cycle \(balance.cycle): \(balance.families.count.counted("family", "families")) over \(balance.horizon.count.counted("month")) (\(first) to \(last)).",
            width: width)
        for grid in grids { lines += [""] + grid.rendered(label: label, cell: cell, perPage: perPage) }
        if !resourceGrids.isEmpty {
            lines += ["", "Resources"]
            for grid in resourceGrids { lines += [""] + grid.rendered(label: label, cell: cell, perPage: perPage) }
        }
        lines += [""] + TextTable.flow(legend.joined(separator: "   "), separator: "   ", width: width).split(separator: "\n").map(String.init)
        lines.append("")
        if balance.exceptions.isEmpty {
            lines.append("No exceptions.")
        } else {
            // One line per kind and family or resource, as the agenda says them.
            lines.append("Exceptions (\(balance.exceptions.count), one line per kind and family or resource):")
            for group in ExceptionGroup.groups(balance.exceptions) {
                lines += TextWrap.lines(PlanExceptionText.sentence(group), first: "- ", rest: "  ", width: width)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func familyGrid(_ family: FamilyBalance, horizon: [CycleMonth]) -> Grid {
        var title = family.family + "  (opening inventory \(PlanNumbers.quantity(family.openingInventory))"
        if let safety = family.safetyStock { title += ", safety stock \(PlanNumbers.quantity(safety))" }
        title += ")"
        let months = family.months
        var rows: [Grid.Row] = [Grid.Row(label: "Demand", cells: months.map { .init(PlanNumbers.quantity($0.demand)) })]
        if months.contains(where: { $0.supply != nil }) {
            rows.append(Grid.Row(label: "Supply", cells: months.map { .init(PlanNumbers.quantity($0.supply)) }))
            rows.append(Grid.Row(label: "Gap", cells: months.map { .init(PlanNumbers.quantity($0.gap)) }))
        }
        rows.append(
            Grid.Row(
                label: "Proj. inventory",
                cells: months.map { m in
                    let mark: Character? = m.inventory < 0 ? "!" : (family.safetyStock.map { m.inventory < $0 } == true ? "*" : nil)
                    return .init(PlanNumbers.quantity(m.inventory), mark: mark)
                }))
        rows.append(
            Grid.Row(
                label: "Cover",
                cells: months.enumerated().map { i, m in .init(m.cover.map { PlanNumbers.decimal1($0) } ?? ">\(months.count - 1 - i)") }))
        if months.contains(where: { $0.revenue != nil }) {
            rows.append(Grid.Row(label: "Revenue", cells: months.map { .init(PlanNumbers.quantity($0.revenue)) }))
        }
        if months.contains(where: { $0.budget != nil }) {
            rows.append(Grid.Row(label: "Budget", cells: months.map { .init(PlanNumbers.quantity($0.budget)) }))
        }
        return Grid(title: title, months: months.map(\.month), rows: rows)
    }

    static func resourceGrid(_ resource: ResourceBalance, exceptions: [PlanException]) -> Grid {
        let over = Set(exceptions.filter { $0.kind == .overCapacity && $0.resource == resource.resource }.compactMap(\.month))
        let months = resource.months
        return Grid(
            title: resource.resource, months: months.map(\.month),
            rows: [
                Grid.Row(label: "Available", cells: months.map { .init(PlanNumbers.quantity($0.available)) }),
                Grid.Row(label: "Required", cells: months.map { .init(PlanNumbers.quantity($0.required)) }),
                Grid.Row(
                    label: "Utilisation",
                    cells: months.map { m in .init(m.utilisation.map(PlanNumbers.percent) ?? "n/a", mark: over.contains(m.month) ? "!" : nil) }),
            ])
    }

    /// A block of figures by month: a title, then the months paged `perPage` at a time, each page a
    /// header of months and one line per row, numbers right-aligned with a column for a mark.
    struct Grid {
        var title: String
        var months: [CycleMonth]
        var rows: [Row]

        struct Row {
            var label: String
            var cells: [Cell]
        }

        struct Cell {
            var text: String
            var mark: Character?
            init(_ text: String, mark: Character? = nil) {
                self.text = text
                self.mark = mark
            }
        }

        func rendered(label: Int, cell: Int, perPage: Int) -> [String] {
            var lines = [title]
            var start = 0
            while start < months.count {
                let end = min(start + perPage, months.count)
                if start > 0 { lines.append("") }
                let pad = String(repeating: " ", count: label)
                lines.append((pad + months[start..<end].map { "  " + Self.right("\($0)", cell - 1) + " " }.joined()).trimmingTrailingSpace)
                for row in rows {
                    let cells = row.cells[start..<min(end, row.cells.count)].map { c in "  " + Self.right(c.text, cell - 1) + String(c.mark ?? " ") }
                    lines.append((Self.left(row.label, label) + cells.joined()).trimmingTrailingSpace)
                }
                start = end
            }
            return lines
        }

        static func right(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        static func left(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    }
}
