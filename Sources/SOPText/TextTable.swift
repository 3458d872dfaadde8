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

    /// Breaks the last column at spaces when the line is wider than `width`. When the columns before
    /// it leave the last one under 20, it moves under its row, indented by 4, rather than wrapping
    /// into a tall sliver or running past the terminal's edge.
    private func wrapped(_ line: String, indent: Int) -> String {
        guard let width, line.count > width else { return line }
        guard width - indent >= 20 else {
            let below = 4
            guard width - below >= 20, line.count > indent else { return line }
            let head = String(line.prefix(indent)).trimmingTrailingSpace
            let cell = String(line.dropFirst(indent))
            return head + "\n" + String(repeating: " ", count: below) + Self.words(cell, room: width - below)
                .joined(separator: "\n" + String(repeating: " ", count: below))
        }
        let pad = String(repeating: " ", count: indent)
        return String(line.prefix(indent)) + Self.words(String(line.dropFirst(indent)), room: width - indent).joined(separator: "\n" + pad)
    }

    /// `text` broken at spaces into lines of at most `room` characters (a longer word stays whole).
    static func words(_ text: String, room: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines
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
