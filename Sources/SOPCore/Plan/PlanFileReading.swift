import Foundation

/// Reads a submitted plan file (a CSV input with `plan: KIND`) into a `PlanTable`, checking every
/// value on the way: a figure built on "13-2026" or "1,200" would be wrong without saying so, so the
/// file is refused at submit instead, naming the line, the file's own column header and the value.
public enum PlanFileReading {
    /// The headers a plan input's file must have: the kind's required columns (through the workflow's
    /// mapping) and any the workflow lists itself.
    public static func requiredHeaders(of input: InputSpec, kind: PlanKind) -> [String] {
        var headers = kind.requiredColumns.map(input.header(for:))
        for column in input.columns where !headers.contains(where: { same($0, column) }) { headers.append(column) }
        return headers
    }

    /// The file's bytes as the plan they hold; the structure (UTF-8, header, field counts) is checked
    /// first by `CSVCheck`, with the same RFC 4180 reader.
    public static func table(_ bytes: Data, fileName: String, input: InputSpec, kind: PlanKind) throws(Refusal) -> PlanTable {
        let rows = try CSVCheck.checkedRows(bytes, fileName: fileName, required: requiredHeaders(of: input, kind: kind))
        guard let header = rows.first?.fields else {
            throw Refusal(.inputFormat, "\(fileName) is empty", fix: "submit a CSV file with a header line and data rows")
        }
        var reader = Reader(fileName: fileName, kind: kind, header: header, input: input)
        for row in rows.dropFirst() where !row.fields.allSatisfy({ trimmed($0).isEmpty }) {
            try reader.add(row)
        }
        return PlanTable(kind: kind, rows: reader.rows)
    }

    /// Header match ignores case and surrounding blanks: exports differ in both.
    static func same(_ a: String, _ b: String) -> Bool { normalized(a) == normalized(b) }

    private static func normalized(_ text: String) -> String { trimmed(text).lowercased() }

    /// A field without its surrounding blanks. Most fields have none: one that starts and ends with a
    /// visible ASCII character is returned as it is, without Foundation's character-set walk (which,
    /// done for every field of ten years of plan files, was a large share of reading them).
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        let visible = UInt8(ascii: "!")...UInt8(ascii: "~")
        if visible.contains(first), visible.contains(last) { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// One file's rows being read, with the keys already seen so a repeated one can name its first line.
    private struct Reader {
        let fileName: String
        let kind: PlanKind
        /// Where each of the kind's columns is in the file, and its header as the file writes it.
        let places: [(column: PlanColumn, index: Int, header: String)]
        var rows: [PlanRow] = []
        var seen: [[String]: Int] = [:]

        init(fileName: String, kind: PlanKind, header: [String], input: InputSpec) {
            self.fileName = fileName
            self.kind = kind
            places = kind.columns.compactMap { column in
                let wanted = input.header(for: column)
                guard let index = header.firstIndex(where: { PlanFileReading.same($0, wanted) }) else { return nil }
                return (column, index, header[index].trimmingCharacters(in: .whitespaces))
            }
        }

        mutating func add(_ row: CSVCheck.Row) throws(Refusal) {
            var plan = PlanRow(line: row.line, values: [:])
            var key: [String] = []
            for place in places {
                let value = place.index < row.fields.count ? PlanFileReading.trimmed(row.fields[place.index]) : ""
                // Only a refusal needs the place written out.
                let header = place.header, fileName = fileName, line = row.line
                func at() -> String { "\(fileName) line \(line), column \(header)" }
                switch place.column {
                case .family, .resource:
                    guard !value.isEmpty else {
                        throw Refusal(
                            .planValue, "\(at()): the \(place.column.rawValue) is empty",
                            fix: "name the \(place.column == .family ? "product family" : "resource") on every row")
                    }
                    if place.column == .family { plan.family = value } else { plan.resource = value }
                case .month:
                    guard let month = CycleMonth(value) else {
                        throw Refusal(.planValue, "\(at()): \(quoted(value)) is not a month", fix: "write YYYY-MM, e.g. 2026-11")
                    }
                    plan.month = month
                default:
                    if value.isEmpty, kind.optionalColumns.contains(place.column) { continue }
                    plan.values[place.column] = try number(value, in: place.column, at: at())
                }
                if kind.key.contains(place.column) { key.append(place.column == .month ? plan.month?.description ?? value : value) }
            }
            if let first = seen[key] {
                let keyHeader = places.first { kind.key.first == $0.column }?.header ?? ""
                throw Refusal(
                    .planValue,
                    "\(fileName) line \(row.line), column \(keyHeader): \(key.map(quoted).joined(separator: " for ")) "
                        + "is already on line \(first)",
                    fix: "give each \(kind.key.map(\.rawValue).joined(separator: " and ")) one row: "
                        + "add the two rows together, or remove one")
            }
            seen[key] = row.line
            rows.append(plan)
        }

        /// A plain decimal as planners and exports write it: digits, an optional fraction, and a
        /// leading minus only in a column where a sign makes sense (a margin, not a quantity).
        private func number(_ value: String, in column: PlanColumn, at: @autoclosure () -> String) throws(Refusal) -> Decimal {
            guard !value.isEmpty else {
                throw Refusal(.planValue, "\(at()): the \(column.rawValue) is empty", fix: "write a number on every row (0 if there is none)")
            }
            guard let number = PlanFileReading.plainDecimal(Substring(value)) else {
                throw Refusal(
                    .planValue, "\(at()): \(quoted(value)) is not a number",
                    fix: "write a plain decimal such as 1200 or 1200.5, without thousands separators, units or currency signs")
            }
            let negative = number < 0
            if negative, !column.allowsNegative {
                throw Refusal(
                    .planValue, "\(at()): \(quoted(value)) is negative",
                    fix: "a \(column.rawValue.replacingOccurrences(of: "_", with: " ")) cannot be below 0; write 0 or more")
            }
            return number
        }

        private func quoted(_ value: String) -> String { "\"\(PrintableText.escaped(value))\"" }
    }

    /// A plain decimal — digits, an optional fraction, an optional leading minus — as a `Decimal`;
    /// nil for anything else (a thousands separator, a unit, an exponent). Up to 18 digits (every plan
    /// figure we have seen) straight from an integer significand and a power of ten, the same value
    /// `Decimal(string:)` reads, which builds a locale and scans again; longer ones through it. The
    /// store reads the values it keeps of plan files with it too.
    public static func plainDecimal(_ text: Substring) -> Decimal? {
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.isDigits }) else { return nil }
        let fraction = parts.count == 2 ? parts[1].utf8.count : 0
        let magnitude: Decimal
        if digits.utf8.count - (parts.count - 1) <= 18 {
            var significand: UInt64 = 0
            for byte in digits.utf8 where byte != UInt8(ascii: ".") { significand = significand * 10 + UInt64(byte - UInt8(ascii: "0")) }
            magnitude = Decimal(sign: .plus, exponent: -fraction, significand: Decimal(significand))
        } else {
            guard let long = Decimal(string: String(digits), locale: posix) else { return nil }
            magnitude = long
        }
        return negative ? -magnitude : magnitude
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}
