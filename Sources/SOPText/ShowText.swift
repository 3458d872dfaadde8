import Foundation
import SOPCore

/// The human forms of `show`: the heading over a version, the history table, a file laid out for a
/// terminal, and the line `--output` answers with.
public enum ShowText {
    /// `demand-review unconstrained-forecast · version 2 of 3 · forecast.csv · 1234 bytes · sha256 1a2b3c4d5e6f · by dan 2026-11-03 09:00Z`
    public static func heading(_ history: SubmissionHistory, _ shown: SubmissionRecord) -> String {
        var parts = ["\(history.stage) \(history.input.id)", "version \(shown.version) of \(history.versions.count)"]
        if case .file(let name, let sha, let size) = shown.content {
            parts += [name, "\(size) bytes", "sha256 \(sha.prefix(12))"]
        }
        parts.append("by \(shown.by) \(Stamp.minute(shown.at))")
        if let rejection = shown.rejection { parts.append("rejected by \(rejection.by): \(rejection.reason)") }
        return parts.joined(separator: " · ")
    }

    public static func history(_ history: SubmissionHistory, width: Int? = nil) -> String {
        var table = TextTable(["VERSION", "WHEN (UTC)", "WHO", "SIZE", "SHA-256", "WHAT"], width: width)
        for v in history.versions {
            let size: String
            let sha: String
            let what: String
            switch v.content {
            case .file(let name, let digest, let bytes): (size, sha, what) = ("\(bytes)", String(digest.prefix(12)), "file \(name)")
            case .note(let text): (size, sha, what) = ("\(text.utf8.count)", "", "note \"\(PrintableText.escaped(text))\"")
            case .link(let url): (size, sha, what) = ("\(url.utf8.count)", "", "link \(PrintableText.escaped(url))")
            }
            let rejected = v.rejection.map { " (rejected by \($0.by): \(PrintableText.escaped($0.reason)))" } ?? ""
            table.add(["\(v.version)", Stamp.minute(v.at), v.by, size, sha, what + rejected])
        }
        return "\(history.stage) \(history.input.id) in cycle \(history.cycle): \(history.versions.count) version\(history.versions.count == 1 ? "" : "s")\n"
            + table.rendered
    }

    public static func written(_ history: SubmissionHistory, _ shown: SubmissionRecord, bytes: Int, to path: String) -> String {
        "Wrote \(history.stage) \(history.input.id) version \(shown.version) (\(bytes) bytes) to \(path)."
    }

    /// A file for a person at a terminal: a CSV as an aligned table, other text line by line; nil for
    /// bytes that are not UTF-8 text (they would garble the terminal). Characters that would move the
    /// cursor or recolour the screen are spelt out (`\u{1B}`), as everywhere sop prints typed text.
    public static func terminalView(_ bytes: Data, csv: Bool) -> String? {
        guard let text = String(data: bytes, encoding: .utf8) else { return nil }
        if csv, let rows = CSVCheck.cells(bytes), let header = rows.first {
            return table(header: header, rows: Array(rows.dropFirst()))
        }
        // "\r\n" is one Character in Swift, so both line ends are named.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { PrintableText.escaped(String($0)) }.joined(separator: "\t")
        }
        if lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Columns padded to their widest cell; a column whose every value is a number is right-aligned,
    /// so quantities line up on their last digit.
    public static func table(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map(PrintableText.escaped) }
        let count = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let numeric = (0..<count).map { i in
            let values = all.dropFirst().compactMap { i < $0.count && !$0[i].isEmpty ? $0[i] : nil }
            return !values.isEmpty && values.allSatisfy { Double($0.replacingOccurrences(of: ",", with: "")) != nil }
        }
        return all.map { row in
            (0..<count).map { i in
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return numeric[i] ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpace
        }.joined(separator: "\n")
    }
}

/// `--json show`: the version shown (absent with --history) and every version, without the file's bytes
/// (those go to stdout without --json, or to --output).
public struct ShowJSON: Encodable, Sendable {
    struct Version: Encodable, Sendable {
        struct Rejection: Encodable, Sendable {
            var by: String
            var at: String
            var reason: String
        }
        var version: Int
        var by: String
        var at: String
        /// `file`, `note` or `link`.
        var kind: String
        var name: String?
        var sha256: String?
        var size: Int?
        var text: String?
        var url: String?
        /// Whether it is the input's current version: the newest, and not rejected.
        var current: Bool
        var rejected: Rejection?
    }
    var cycle: String
    var stage: String
    var input: String
    var shown: Version?
    var history: [Version]
    /// The file --output wrote.
    var output: String?

    public init(_ history: SubmissionHistory, shown: SubmissionRecord?, output: String?) {
        let newest = history.versions.last?.version
        func version(_ record: SubmissionRecord) -> Version {
            var v = Version(
                version: record.version, by: record.by, at: Stamp.minute(record.at), kind: "", current: record.version == newest && record.isCurrent,
                rejected: record.rejection.map { Version.Rejection(by: $0.by, at: Stamp.minute($0.at), reason: $0.reason) })
            switch record.content {
            case .file(let name, let sha, let size): (v.kind, v.name, v.sha256, v.size) = ("file", name, sha, size)
            case .note(let text): (v.kind, v.text) = ("note", text)
            case .link(let url): (v.kind, v.url) = ("link", url)
            }
            return v
        }
        cycle = history.cycle
        stage = history.stage
        input = history.input.id
        self.shown = shown.map(version)
        self.history = history.versions.map(version)
        self.output = output
    }
}
