import Foundation
import SOPApp
import SOPCore
import SOPStore

/// The human form of `metrics`: a header, one row per stage, then decisions and actions; every line
/// fits the terminal's width (80 columns outside the REPL) with the bundled workflow's stage ids.
public enum MetricsText {
    public static func text(_ m: ProcessMetrics, width: Int = 80) -> String {
        var table = TextTable(["STAGE", "ON TIME", "LATE", "OVERDUE", "MEDIAN LATE", "SIGN-OFF WAIT", "WAIVED"], width: width)
        for s in m.stages {
            table.add([
                s.id, onTime(s.onTime, of: s.measured, rate: s.onTimeRate), "\(s.late)", "\(s.overdue)",
                s.medianWorkdaysLate.map(workdays) ?? "-", s.medianSignoffWaitHours.map(wait) ?? "-", "\(s.waived)",
            ])
        }
        let head = TextTable.flow(header(m), separator: " · ", width: width)
        return ([head, table.rendered] + decisions(m.decisions, width: width) + actions(m.actions, width: width)
            + TextWrap.lines(legend, width: width)).joined(separator: "\n")
    }

    static func header(_ m: ProcessMetrics) -> String {
        let window: String
        if let first = m.cycles.first, let last = m.cycles.last, m.cycles.count > 1 {
            window = "cycles \(first)..\(last) (\(m.cycles.count))"
        } else {
            window = "cycle \(m.cycles.first ?? "-")"
        }
        return "Process health · \(window) · today \(m.today)"
    }

    static let legend = "Late counts workdays past due (wd); sign-off wait is calendar time in review."

    static func decisions(_ d: DecisionMetrics, width: Int = 80) -> [String] {
        let raised = d.decided + d.undecided
        guard raised > 0 else { return ["Decisions: no proposals raised in these cycles"] }
        var parts = ["\(d.decided) of \(raised.counted("proposal")) decided"]
        if let median = d.medianLatencyDays, let max = d.maxLatencyDays {
            parts.append("median \(days(median)) to decide (max \(days(max)))")
        }
        if d.undecided > 0 { parts.append("\(d.undecided) undecided") }
        if d.deferred > 0 { parts.append("\(d.deferred) deferred at least once") }
        return wrapped("Decisions: ", parts, width: width)
    }

    static func actions(_ a: ActionMetrics, width: Int = 80) -> [String] {
        guard a.measured + a.pending + a.cancelled > 0 else { return ["Actions: none added in these cycles"] }
        var parts: [String] = []
        if a.measured > 0, let rate = a.onTimeRate { parts.append("\(a.onTime) of \(a.measured) on time (\(percent(rate)))") }
        if a.late > 0 { parts.append("\(a.late) done late") }
        if a.overdue > 0 { parts.append("\(a.overdue) overdue now") }
        if let median = a.medianWorkdaysLate { parts.append("median \(workdays(median)) late") }
        if a.pending > 0 { parts.append("\(a.pending) open, not yet due") }
        if a.cancelled > 0 { parts.append("\(a.cancelled) cancelled") }
        return wrapped("Actions: ", parts, width: width)
    }

    // MARK: figures

    /// `2/3 67%`; `-` when nothing could be judged.
    static func onTime(_ count: Int, of measured: Int, rate: Double?) -> String {
        guard let rate, measured > 0 else { return "-" }
        return "\(count)/\(measured) \(percent(rate))"
    }

    static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }

    /// `2 wd`, `2.5 wd`.
    static func workdays(_ value: Double) -> String { "\(number(value)) wd" }

    /// `1 day`, `1.5 days`.
    static func days(_ value: Double) -> String { number(value) == "1" ? "1 day" : "\(number(value)) days" }

    /// Calendar time, not workdays: a sign-off that waits over a weekend waited. `40 min`, `6 h`,
    /// `1.5 h`, `2.5 d`.
    static func wait(_ hours: Double) -> String {
        if hours >= 24 { return "\(number(hours / 24)) d" }
        if hours >= 1 { return "\(number(hours)) h" }
        return "\(Int((hours * 60).rounded())) min"
    }

    /// One decimal at most: `2`, `2.5` (the mean of two middle values needs no more).
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// `head` then the parts joined by `; `, continued on indented lines rather than past `width`.
    static func wrapped(_ head: String, _ parts: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = head
        for (i, part) in parts.enumerated() {
            let piece = i == 0 ? part : "; " + part
            // One more column for the `;` a broken line ends with.
            if i > 0, line.count + piece.count + 1 > width {
                lines.append(line + ";")
                line = "  " + part
            } else {
                line += piece
            }
        }
        return lines + [line]
    }
}
