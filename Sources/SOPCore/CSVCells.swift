import Foundation

extension CSVCheck {
    /// A CSV file's rows of cells, read by the same RFC 4180 reader that checked it on submission;
    /// nil when the bytes are not UTF-8 or do not read as CSV (then it is shown as it is, not as a table).
    public static func cells(_ bytes: Data) -> [[String]]? {
        guard let text = String(data: bytes, encoding: .utf8) else { return nil }
        let rows: [Row]
        do { rows = try parse(text) } catch { return nil }
        return rows.map(\.fields)
    }
}
