import Foundation

/// How big a submission may be, and how much of a note the agenda prints (the workflow's `limits:`).
/// A note is meant to be read in the meeting and a file is a plan extract: the defaults refuse what is
/// almost certainly a pasted export or the wrong file, and keep the agenda readable.
public struct SubmissionLimits: Sendable, Equatable, Codable {
    /// Characters a `--note` may hold (`note:`).
    public var note: Int
    /// Bytes a submitted file may hold (`file:`, written like `20MB`).
    public var file: Int
    /// Lines of a note the agenda prints before pointing at `show STAGE INPUT` (`agenda-lines:`).
    public var agendaLines: Int

    public static let defaultNote = 4_000
    public static let defaultFile = 20 * 1_000_000
    public static let defaultAgendaLines = 6
    /// What `sop` reads of any file at all; a workflow cannot raise `file:` past it.
    public static let largestFile = 64 * 1_000_000

    public init(note: Int = defaultNote, file: Int = defaultFile, agendaLines: Int = defaultAgendaLines) {
        self.note = note
        self.file = file
        self.agendaLines = agendaLines
    }

    /// `20MB`, `512KB`, `1500B`: sizes as the workflow file writes them (decimal units).
    public static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000, bytes % 1_000_000 == 0 { return "\(bytes / 1_000_000)MB" }
        if bytes >= 1_000, bytes % 1_000 == 0 { return "\(bytes / 1_000)KB" }
        return "\(bytes)B"
    }

    /// Reads `20MB`, `512KB`, `1500B` or a bare number of bytes; nil for anything else.
    public static func parseSize(_ text: String) -> Int? {
        let upper = text.uppercased().replacingOccurrences(of: " ", with: "")
        for (suffix, factor) in [("MB", 1_000_000), ("KB", 1_000), ("B", 1)] where upper.hasSuffix(suffix) {
            guard let n = Int(upper.dropLast(suffix.count)), n >= 0 else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: factor)
            return overflow ? nil : product
        }
        return Int(upper).flatMap { $0 >= 0 ? $0 : nil }
    }
}

extension SubmissionLimits {
    /// Refuses a submission larger than the limits allow; says by how much and what to do instead.
    func check(_ content: Submission, target: String, stage: String, input: String) throws(Refusal) {
        switch content {
        case .note(let text) where text.count > note:
            throw Refusal(
                .limit, "the note for \(target) is \(text.count.counted("character")); the workflow allows \(note)",
                fix: "shorten it, or submit the full text as a file: submit \(stage) \(input) FILE (the workflow's `limits: { note: N }` sets the limit)")
        case .file(let name, let bytes, _) where bytes.count > file:
            throw Refusal(
                .limit, "\(name) is \(bytes.count.counted("byte")); the workflow allows \(Self.size(file)) for a file",
                fix: "submit a smaller extract, or --link to where the file lives (the workflow's `limits: { file: SIZE }` sets the limit)")
        default:
            return
        }
    }
}

/// The first lines of a long note, for views that must stay short (the agenda); the rest is one
/// `show STAGE INPUT` away. One very long line counts as many: at most `charactersPerLine` characters
/// per allowed line are shown, and a line cut short ends in "...".
public struct NotePreview: Sendable, Equatable {
    public var lines: [String]
    /// Lines not shown, or shown only in part (0 when the note is shown whole).
    public var hiddenLines: Int

    public static let charactersPerLine = 100

    public init(_ text: String, lines limit: Int) {
        let all = text.textLines.map(String.init)
        let trimmed = all.last == "" ? Array(all.dropLast()) : all
        var budget = max(1, limit) * Self.charactersPerLine
        var shown: [String] = []
        var partial = false
        for line in trimmed.prefix(max(1, limit)) {
            if line.count > budget {
                shown.append(String(line.prefix(budget)) + "...")
                partial = true
                break
            }
            shown.append(line)
            budget -= line.count
        }
        lines = shown
        hiddenLines = trimmed.count - shown.count + (partial ? 1 : 0)
    }

    public var isCut: Bool { hiddenLines > 0 }
}
