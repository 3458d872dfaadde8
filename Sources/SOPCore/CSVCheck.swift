import Foundation

/// Checks a submitted CSV plan file: UTF-8, not empty, the header has the workflow's required columns,
/// and every row has as many fields as the header. Refusals name the column or line.
public enum CSVCheck {
    public static func check(_ bytes: Data, fileName: String, required columns: [String]) throws(Refusal) {
        _ = try checkedRows(bytes, fileName: fileName, required: columns)
    }

    /// `check`, returning the rows it read, so a plan file is cut into fields once, not once to check
    /// and again to read.
    static func checkedRows(_ bytes: Data, fileName: String, required columns: [String]) throws(Refusal) -> [Row] {
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw Refusal(
                .inputFormat, "\(fileName) is not UTF-8 text (first bad byte on line \(firstBadLine(bytes)))",
                fix: "save the file as UTF-8 CSV and submit it again")
        }
        let rows: [Row]
        do { rows = try parse(text) } catch {
            throw Refusal(.inputFormat, "\(fileName) line \(error.line): \(error.problem)", fix: "fix the CSV and submit it again")
        }
        guard let header = rows.first?.fields, !(header.count == 1 && header[0].isEmpty) else {
            throw Refusal(.inputFormat, "\(fileName) is empty", fix: "submit a CSV file with a header line and data rows")
        }
        let have = Set(header.map { normalize($0) })
        let missing = columns.filter { !have.contains(normalize($0)) }
        if !missing.isEmpty {
            throw Refusal(
                .inputFormat,
                "\(fileName) line 1: the header lacks column\(missing.count == 1 ? "" : "s") \(missing.andList) — it has \(header.andList)",
                fix: "add \(missing.count == 1 ? "that column" : "those columns") to the header line and submit again")
        }
        for row in rows.dropFirst() where row.fields.count != header.count {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }  // blank line
            throw Refusal(
                .inputFormat,
                "\(fileName) line \(row.line): \(row.fields.count.counted("field")) where the header has \(header.count)",
                fix: "make every row have one value per header column and submit again")
        }
        if rows.dropFirst().allSatisfy({ $0.fields.count == 1 && $0.fields[0].isEmpty }) {
            throw Refusal(.inputFormat, "\(fileName) has a header but no data rows", fix: "add the plan's rows and submit again")
        }
        return rows
    }

    struct Row {
        var line: Int
        var fields: [String]
    }

    struct Failure: Error {
        var line: Int
        var problem: String
    }

    private static func normalize(_ column: String) -> String {
        column.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    static func parse(_ text: String) throws(Failure) -> [Row] {
        var text = text
        if let rows = text.withUTF8({ unquoted($0) }) { return rows }
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var rowStart = 1
        var inQuotes = false
        var quoteLine = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else {
                            inQuotes = false
                            pending = n
                        }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                if !field.isEmpty { throw Failure(line: line, problem: "a quote inside an unquoted field") }
                inQuotes = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                fields.append(field)
                rows.append(Row(line: rowStart, fields: fields))
                fields = []
                field = ""
                line += 1
                rowStart = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw Failure(line: quoteLine, problem: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowStart, fields: fields))
        }
        return rows
    }

    /// A file without a quote or a carriage return (most exports) needs none of the RFC reader's
    /// states: it is cut at commas and line feeds, which never occur inside a multi-byte UTF-8
    /// character, straight from the bytes. The same rows as `parse`; nil sends any other file there.
    /// Reading ten years of plan files scalar by scalar was most of `accuracy`'s time.
    private static func unquoted(_ bytes: UnsafeBufferPointer<UInt8>) -> [Row]? {
        for b in bytes where b == UInt8(ascii: "\"") || b == UInt8(ascii: "\r") { return nil }
        var rows: [Row] = []
        var fields: [String] = []
        var line = 1
        var start = 0
        func field(_ end: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
        for i in bytes.indices {
            switch bytes[i] {
            case UInt8(ascii: ","):
                fields.append(field(i))
                start = i + 1
            case UInt8(ascii: "\n"):
                fields.append(field(i))
                rows.append(Row(line: line, fields: fields))
                fields = []
                line += 1
                start = i + 1
            default:
                continue
            }
        }
        let last = field(bytes.count)
        if !last.isEmpty || !fields.isEmpty {
            fields.append(last)
            rows.append(Row(line: line, fields: fields))
        }
        return rows
    }

    private static func firstBadLine(_ bytes: Data) -> Int {
        // The first line that is not valid UTF-8 on its own is the one to name.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let bad = lines.firstIndex { String(data: Data($0), encoding: .utf8) == nil } ?? 0
        return bad + 1
    }
}
