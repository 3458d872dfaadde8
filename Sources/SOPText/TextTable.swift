import Foundation
import SOPApp
import SOPCore
import SOPStore

/// Left-aligned columns for the terminal; the last column is never padded.
public struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    /// When set, a last cell that would run past this many columns wraps onto indented lines, so a
    /// table stays readable in an 80-column terminal.
    var width: Int?

    public init(_ header: [String], width: Int? = nil) {
        self.header = header
        self.width = width
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public var rendered: String {
        let all = [header] + rows
        let count = header.count
        var widths = Array(repeating: 0, count: count)
        for row in all {
            for (i, cell) in row.enumerated() where i < count - 1 { widths[i] = max(widths[i], cell.count) }
        }
        let indent = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        return all.map { row in
            let line = row.enumerated().map { i, cell in
                i < count - 1 ? cell + String(repeating: " ", count: widths[i] - cell.count) : cell
            }.joined(separator: "  ").trimmingTrailingSpace
            return wrapped(line, indent: indent)
        }.joined(separator: "\n")
    }

    /// Breaks the last column at spaces when the line is wider than `width`; too narrow a last column
    /// (under 20) is left alone, since wrapping it would only make a tall sliver.
    private func wrapped(_ line: String, indent: Int) -> String {
        guard let width, line.count > width, width - indent >= 20 else { return line }
        let room = width - indent
        var lines: [String] = []
        var current = ""
        for word in line.dropFirst(indent).split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        let pad = String(repeating: " ", count: indent)
        return String(line.prefix(indent)) + lines.joined(separator: "\n" + pad)
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
