import Foundation
import SOPApp
import SOPCore
import SOPStore

/// `calendar`: the cycle's month as a text timeline, one row per stage and one column per workday.
///
/// Every date and every late cell comes from `CycleState.timing(of:today:)`, the rule `status`,
/// `metrics` and the escalations read, so the picture can never disagree with them. Weekends and
/// holidays are not columns: lateness is counted in workdays, so a late stage has one cell per
/// workday late (`!`, the last one being the done mark when it was done late).
public enum CalendarText {
    static let legend = ["D due", "✓ done", "w waived", "! a workday late", "▼ today", "<> outside the month"]

    // MARK: - JSON

    /// `sop --json calendar`. Every key is always present (null when unknown) so scripts can rely on it.
    public struct Model: Encodable, Sendable {
        var cycle: String
        var workflow: String
        var today: Day
        var workdays: [Day]
        var stages: [StageModel]
    }

    public struct StageModel: Encodable, Sendable {
        var id: String
        var state: StageState
        @Nullable var due: Day?
        /// The workflow's rule in words (`workday 9`, `+2 after demand-review`).
        @Nullable var dueRule: String?
        @Nullable var completedOn: Day?
        /// The stage's first completion (its delivery, which `metrics` counts), if it ever had one.
        @Nullable var deliveredOn: Day?
        /// While a stage done before is open again: the day it reopened.
        @Nullable var reopenedOn: Day?
        var workdaysLate: Int
        @Nullable var workdaysLeft: Int?
    }

    public static func model(_ state: CycleState, today: Day) -> Model {
        let stages = state.workflow.stages.map { stage in
            let t = state.timing(of: stage, today: today)
            return StageModel(
                id: stage.id, state: state.state(of: stage.id), due: t.due, dueRule: t.rule?.written,
                completedOn: t.completedOn, deliveredOn: t.deliveredOn, reopenedOn: t.reopenedOn, workdaysLate: t.workdaysLate,
                workdaysLeft: t.workdaysLeft)
        }
        return Model(cycle: state.id, workflow: state.workflow.id, today: today, workdays: Grid(state).days, stages: stages)
    }

    // MARK: - text

    public static func render(_ state: CycleState, today: Day, colour: Bool, width: Int = 80) -> String {
        let grid = Grid(state)
        let todayPlace = grid.place(today)
        let rows = state.workflow.stages.map { Row($0, state: state, grid: grid, today: today) }
        let stateWidth = StageState.allCases.map(\.rawValue.count).max() ?? 7
        // The `<` column is drawn only when something falls before the month: it is rare, and the
        // tail needs the room more.
        let beforeWidth = rows.contains(where: \.before) || todayPlace == .before ? 1 : 0
        // The id column gives way first when the width is short (keeping ~12 for the tail), so the
        // grid itself always fits.
        let fixed = 1 + stateWidth + 1 + beforeWidth + grid.width + 2
        let longest = max(5, rows.map(\.stage.id.count).max() ?? 0)
        let idWidth = max(6, min(longest, width - fixed - 12))
        let gridStart = idWidth + 1 + stateWidth + 1 + beforeWidth

        var out: [Line] = []
        for text in flow(header(state, grid: grid, today: today), separator: " · ", width: width) { out.append(Line(text)) }
        out.append(Line())

        // The today marker, over its column (or over `<`/`>` when today is outside the month).
        let markerColumn: Int? = switch todayPlace {
        case .before: gridStart - 1
        case .column(let i): gridStart + grid.offset(i)
        case .after: gridStart + grid.width
        case nil: nil
        }
        if let markerColumn {
            var marker = Line(String(repeating: " ", count: max(0, markerColumn - 6)) + "today ")
            marker.add("▼", Style.bold)
            out.append(marker)
        }

        // The ruler: tens over units, so a column reads downwards as its day of the month.
        var tens = Line(pad(monthName(grid.month), to: gridStart))
        var units = Line(pad(pad("STAGE", to: idWidth) + " STATE", to: gridStart))
        for (i, day) in grid.days.enumerated() {
            if grid.startsWeek(i) {
                tens.add(" ")
                units.add(" ")
            }
            let style = todayPlace == .column(i) ? Style.today : nil
            tens.add(day.day >= 10 ? "\(day.day / 10)" : " ", style)
            units.add("\(day.day % 10)", style)
        }
        out += [tens, units]

        for row in rows {
            var line = Line(pad(clip(row.stage.id, to: idWidth), to: idWidth) + " ")
            line.add(pad(row.state.rawValue, to: stateWidth), row.state.isComplete ? Style.done : nil)
            line.add(" ")
            if beforeWidth > 0 { line.add(row.before ? "<" : " ", Style.bold) }
            for (i, cell) in row.cells.enumerated() {
                if grid.startsWeek(i) { line.add(" ") }
                let style = [cell.style, todayPlace == .column(i) ? Style.today : nil].compactMap { $0 }.joined(separator: ";")
                line.add(cell.rawValue, style.isEmpty ? nil : style)
            }
            line.add(row.after ? ">" : " ", Style.bold)
            line.add(" ")
            line.add(clip(row.tail, to: width - line.width), row.tailStyle)
            out.append(line)
        }

        out.append(Line())
        for text in flow(legend, separator: "  ", width: width) { out.append(Line(text)) }
        for text in flow(notColumns(grid, state.workflow.calendar), separator: " ", width: width) { out.append(Line(text)) }
        return out.map { $0.rendered(colour: colour).trimmingTrailingSpace }.joined(separator: "\n")
    }

    /// One stage's row before layout: a cell per workday, whether anything spills out of the month,
    /// and the timing in words.
    public struct Row {
        let stage: Stage
        let state: StageState
        var cells: [Cell]
        var before = false
        var after = false
        let tail: String
        let tailStyle: String?

        init(_ stage: Stage, state cycle: CycleState, grid: Grid, today: Day) {
            let t = cycle.timing(of: stage, today: today)
            self.stage = stage
            state = cycle.state(of: stage.id)
            (tail, tailStyle) = CalendarText.tail(t, waived: state == .waived, grid: grid)
            cells = Array(repeating: .plain, count: grid.days.count)
            // The late cells are the span `timing` measured, so they add up to `workdaysLate`.
            if let from = t.lateAfter, let end = t.lateUntil, t.workdaysLate > 0 {
                for (i, day) in grid.days.enumerated() where day > from && day <= end { cells[i] = .late }
                if let last = grid.days.last, end > last { after = true }
            }
            // The done mark goes last: done on the due day shows as done (on time), and done late
            // shows the mark on the last late workday.
            for (day, cell) in [(t.due, Cell.due), (t.completedOn, state == .waived ? Cell.waived : Cell.done)] {
                guard let day else { continue }
                switch grid.place(day) {
                case .before: before = true
                case .column(let i): cells[i] = cell
                case .after: after = true
                case nil: break
                }
            }
        }
    }

    /// The timing in words: `on time`, `2 late`, `3 left`, `due today`, `waived`, `+2 after demand-review`,
    /// with the date spelt out when it has no column of its own.
    private static func tail(_ t: StageTiming, waived: Bool, grid: Grid) -> (String, String?) {
        var parts: [String] = []
        if let due = t.due, !grid.days.contains(due) { parts.append("due \(due)") }
        if let done = t.completedOn, !grid.days.contains(done) { parts.append("done \(done)") }
        let words: String
        var style: String? = nil
        if waived {
            // Waived is neither on time nor late: `metrics` counts it apart, and so does the picture.
            words = t.workdaysLate > 0 ? "waived \(t.workdaysLate) late" : "waived"
            style = Style.done
        } else if t.workdaysLate > 0 {
            words = t.reopenedOn.map { "reopened \($0), \(t.workdaysLate) late" } ?? "\(t.workdaysLate) late"
            style = Style.late
        } else if t.due == nil {
            words = t.rule?.written ?? "no due day"
        } else if t.completedOn != nil {
            words = "on time"
            style = Style.done
        } else if let left = t.workdaysLeft {
            words = left == 0 ? "due today" : "\(left) left"
            if left == 0 { style = Style.bold }
        } else if let reopened = t.reopenedOn {
            // Reopened after the due day, and not yet a workday late since: its rework is due now.
            words = "reopened \(reopened)"
        } else {
            // Past the due day but not yet a workday late (a weekend right after it).
            words = "past due"
        }
        return ((parts + [words]).joined(separator: ", "), style)
    }

    /// `Cycle 2026-11`, workflow, today and where it falls on the grid, the close.
    private static func header(_ state: CycleState, grid: Grid, today: Day) -> [String] {
        let n = grid.days.count
        let whereToday: String = switch grid.place(today) {
        case .before: "before the month"
        case .after: "after the month"
        case nil: "no workdays this month"
        case .column(let i) where grid.days[i] == today: "workday \(i + 1) of \(n)"
        case .column(let i):
            (state.workflow.calendar.workdays.contains(today.weekday) ? "holiday" : today.weekday.rawValue.capitalized)
                + ", after workday \(i + 1) of \(n)"
        }
        var parts = ["Cycle \(state.id)", state.workflow.id, "today \(today) (\(whereToday))"]
        if let closed = state.closedAt { parts.append("closed \(state.workflow.calendar.day(containing: closed))") }
        return parts
    }

    /// Says which weekdays of the month are holidays, since they simply have no column.
    private static func notColumns(_ grid: Grid, _ calendar: WorkCalendar) -> [String] {
        let holidays = calendar.holidays.filter { CycleMonth($0) == grid.month && calendar.workdays.contains($0.weekday) }.sorted()
        var text = "Columns are workdays: weekends have none."
        if !holidays.isEmpty {
            let days = holidays.map { "\($0.day)" }.joined(separator: ", ")
            text = "Columns are workdays: weekends and holidays (\(days) \(monthName(grid.month, year: false))) have none."
        }
        return text.split(separator: " ").map(String.init)
    }

    private static func monthName(_ month: CycleMonth, year: Bool = true) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard (1...12).contains(month.month) else { return month.description }
        return names[month.month - 1] + (year ? " \(month.year)" : "")
    }

    // MARK: - layout helpers

    /// Joins words into lines no wider than `width`; a word wider than a line is clipped.
    static func flow(_ words: [String], separator: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in words.map({ clip($0, to: width) }) {
            if line.isEmpty {
                line = word
            } else if line.count + separator.count + word.count <= width {
                line += separator + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Shortens to `width` visible characters, marking the cut with `…`.
    static func clip(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return width <= 0 ? "" : String(text.prefix(width - 1)) + "…"
    }
}

extension CalendarText {
    /// The month's workdays as columns, with a blank between weeks so a column is easy to find.
    public struct Grid {
        let month: CycleMonth
        let days: [Day]

        init(_ state: CycleState) {
            // A cycle id is always a month; the fallback only keeps a damaged record drawable.
            month = CycleMonth(state.id) ?? CycleMonth(year: 1970, month: 1)
            days = state.workflow.calendar.workdays(in: month)
        }

        /// Monday-based week number: 1970-01-01 (ordinal 0) was a Thursday.
        private static func week(_ day: Day) -> Int {
            let n = day.ordinal + 3
            return n >= 0 ? n / 7 : (n - 6) / 7
        }

        func startsWeek(_ i: Int) -> Bool { i > 0 && Self.week(days[i]) != Self.week(days[i - 1]) }

        /// Characters from the first cell to column `i`, week gaps included.
        func offset(_ i: Int) -> Int { i + (0...max(0, i)).filter(startsWeek).count }

        var width: Int { days.isEmpty ? 0 : offset(days.count - 1) + 1 }

        /// Where a day is drawn. A day inside the month that is not a workday goes in the column of the
        /// workday before it: lateness counts the same up to either day, so the cells stay truthful.
        func place(_ day: Day) -> Place? {
            guard let first = days.first, let last = days.last else { return nil }
            if day < first { return .before }
            if day > last { return .after }
            return days.lastIndex { $0 <= day }.map(Place.column)
        }
    }

    public enum Place: Equatable {
        case before
        case column(Int)
        case after
    }

    /// What one workday of one stage shows.
    public enum Cell: String {
        case plain = "·"
        case due = "D"
        case done = "✓"
        case waived = "w"
        case late = "!"

        var style: String? {
            switch self {
            case .plain: Style.dim
            case .due: Style.bold
            case .done, .waived: Style.done
            case .late: Style.late
            }
        }
    }

    /// ANSI SGR parameters; only ever written when `colour` is on.
    public enum Style {
        static let bold = "1"
        static let dim = "2"
        static let today = "7"
        static let late = "31"
        static let done = "32"
    }

    /// A line built from pieces, each maybe styled; its width counts only the visible characters.
    public struct Line {
        private var pieces: [(text: String, style: String?)] = []

        init(_ text: String = "") { if !text.isEmpty { pieces.append((text, nil)) } }

        mutating func add(_ text: String, _ style: String? = nil) { pieces.append((text, style)) }

        var width: Int { pieces.reduce(0) { $0 + $1.text.count } }

        func rendered(colour: Bool) -> String {
            pieces.map { piece in
                // Blanks stay bare, so trimming a line's end treats both forms alike.
                guard colour, let style = piece.style, !piece.text.allSatisfy(\.isWhitespace) else { return piece.text }
                return "\u{1B}[\(style)m\(piece.text)\u{1B}[0m"
            }.joined()
        }
    }
}
