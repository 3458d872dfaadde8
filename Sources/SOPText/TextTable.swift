import Foundation
import SOPApp
import SOPCore
import SOPStore

/// Left-aligned columns for the terminal; the last column is never padded.
public struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    /// When set, the table is laid out within this many columns: cells wrap between words onto the
    /// row's next lines, so a table stays readable in an 80-column terminal.
    var width: Int?

    public init(_ header: [String], width: Int? = nil) {
        self.header = header
        self.width = width
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The narrowest a wrapped last column may get before it moves under its row instead.
    static let narrowestProse = 20
    /// How far a last column that moved under its row is indented.
    static let indentBelow = 4

    public var rendered: String {
        let all = [header] + rows
        let natural = (0..<header.count).map { i in all.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        guard let width, Self.span(natural) > width else { return all.map { line($0, widths: natural) }.joined(separator: "\n") }
        switch Self.layout(natural, minimum: minimumWidths(all), within: width) {
        case .inline(let widths): return all.map { wrappedRow($0, widths: widths, natural: natural) }.joined(separator: "\n")
        case .below(let widths): return all.map { below($0, widths: widths, natural: natural, width: width) }.joined(separator: "\n")
        }
    }

    /// How a table too wide for the terminal is laid out.
    enum Layout: Equatable {
        /// Every column on the row's lines, cells wrapped within these widths.
        case inline([Int])
        /// The columns but the last within these widths; the last cell on its own indented lines.
        case below([Int])
    }

    /// The columns a row of these widths takes: the cells and two spaces between each.
    static func span(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(widths.count - 1, 0) }

    /// The last column (the table's prose) gives way first, down to `narrowestProse`. When the other
    /// columns alone fit, a last column that would get narrower moves under its row instead; when
    /// they do not (a long command, seven figure columns), the widest of them gives way too, down to
    /// its longest word, and the last column moves under its row if it still cannot keep its floor.
    static func layout(_ natural: [Int], minimum: [Int], within width: Int) -> Layout {
        guard let last = natural.indices.last else { return .inline(natural) }
        var widths = natural
        let lastFloor = min(natural[last], max(narrowestProse, minimum[last]))
        widths[last] = max(lastFloor, widths[last] - (span(widths) - width))
        if span(widths) <= width { return .inline(widths) }
        var head = Array(natural.dropLast())
        if span(head) <= width { return .below(head) }
        func shrink(_ widths: inout [Int], within room: Int, keeping fixed: Int?) {
            while span(widths) > room {
                let others = widths.indices.filter { $0 != fixed && widths[$0] > minimum[$0] }
                guard let widest = others.max(by: { widths[$0] < widths[$1] }) else { return }
                widths[widest] -= 1
            }
        }
        shrink(&widths, within: width, keeping: last)
        if span(widths) <= width { return .inline(widths) }
        shrink(&head, within: width, keeping: nil)
        return .below(head)
    }

    /// Each column's longest word: narrower than that, a cell could only be cut mid-word.
    private func minimumWidths(_ all: [[String]]) -> [Int] {
        (0..<header.count).map { i in
            all.flatMap { i < $0.count ? TextWrap.lines($0[i], width: 1) : [] }.map(\.count).max() ?? 0
        }
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        cells.enumerated().map { i, cell in
            i < widths.count - 1 ? cell + String(repeating: " ", count: max(widths[i] - cell.count, 0)) : cell
        }.joined(separator: "  ").trimmingTrailingSpace
    }

    /// A row whose cells wrap between words within their columns, over as many lines as its tallest cell.
    private func wrappedRow(_ cells: [String], widths: [Int], natural: [Int]) -> String {
        let columns = cells.enumerated().map { i, cell in
            i < widths.count && widths[i] < natural[i] ? TextWrap.lines(cell, width: widths[i]) : [cell]
        }
        let height = columns.map(\.count).max() ?? 1
        return (0..<height).map { k in line(columns.map { k < $0.count ? $0[k] : "" }, widths: widths) }.joined(separator: "\n")
    }

    /// The fallback for a terminal too narrow for the columns: the row without its last cell, which
    /// follows on its own indented lines rather than wrapping into a tall sliver.
    private func below(_ cells: [String], widths: [Int], natural: [Int], width: Int) -> String {
        let head = wrappedRow(Array(cells.dropLast()), widths: widths + [0], natural: Array(natural.dropLast()) + [0])
        guard let last = cells.last, cells.count > 1 else { return head }
        let pad = String(repeating: " ", count: Self.indentBelow)
        return ([head] + TextWrap.lines(last, first: pad, rest: pad, width: width)).joined(separator: "\n")
    }

    /// A headline of parts joined by `separator`, broken between parts to stay within `width`.
    public static func flow(_ text: String, separator: String, width: Int) -> String {
        guard text.count > width else { return text }
        var lines: [String] = []
        var current = ""
        for part in text.components(separatedBy: separator) {
            if !current.isEmpty, current.count + separator.count + part.count > width {
                lines.append(current)
                current = part
            } else {
                current += (current.isEmpty ? "" : separator) + part
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Without the spaces a padded last column leaves at the end of a line.
    public var trimmingTrailingSpace: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
