import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Reads a time as `--now`, `SOP_NOW` and a playbook's `clock` line give it: full ISO 8601, a minute
/// in UTC (`2026-11-05T09:30`), or a bare date (taken as noon UTC, the same day everywhere).
public enum ClockText {
    public static func parse(_ text: String, what: String = "--now") throws(ShellError) -> Date {
        // Foundation's parser rolls 25:00 over into the next day; a clock given by hand must be a real time.
        guard inRange(text) else {
            throw .usage("\(what) '\(text)' is not a time", fix: "write it like 2026-11-05T09:30:00Z, 2026-11-05T09:30 (UTC) or 2026-11-05")
        }
        let styles = [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()]
        for style in styles {
            if let date = try? style.parse(text) { return date }
        }
        let withSeconds = text.count == 16 ? text + ":00Z" : text.count == 10 ? text + "T12:00:00Z" : nil
        if let withSeconds, let date = try? Date.ISO8601FormatStyle().parse(withSeconds) { return date }
        throw .usage("\(what) '\(text)' is not a time", fix: "write it like 2026-11-05T09:30:00Z, 2026-11-05T09:30 (UTC) or 2026-11-05")
    }

    /// The date is a real day and the time of day, if given, is within 00:00:00...23:59:59.
    static func inRange(_ text: String) -> Bool {
        guard Day(String(text.prefix(10))) != nil else { return false }
        let time = text.dropFirst(10)
        guard time.first == "T" else { return time.isEmpty }
        let parts = time.dropFirst().prefix(8).split(separator: ":").map { Int($0.prefix(2)) }
        guard parts.count >= 2, let hour = parts[0], let minute = parts[1] else { return false }
        let second = parts.count > 2 ? parts[2] ?? 99 : 0
        return hour < 24 && minute < 60 && second < 60
    }
}
