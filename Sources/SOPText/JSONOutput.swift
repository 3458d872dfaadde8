import Foundation
import SOPCore

/// The two ways the shell writes JSON, each configured here and nowhere else: `--json` output on
/// stdout (pretty, sorted keys, so it diffs well and reads in a terminal) and the one-line error and
/// warning objects on stderr (sorted keys, compact, so a script reads one object per line).
public enum JSONOutput {
    /// `--json` output.
    public static func string(_ value: any Encodable) -> String { written(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) }

    /// Compact JSON on one line, for stderr.
    static func line(_ value: any Encodable) -> String { written(value, [.sortedKeys, .withoutEscapingSlashes]) }

    private static func written(_ value: any Encodable, _ formatting: JSONEncoder.OutputFormatting) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        // Times in `--json` read as they do on the terminal (`2026-11-05 09:00Z`), so a model can
        // hold a `Date` and every view writes it the one way.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Stamp.minute(date))
        }
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
