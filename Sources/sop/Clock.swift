import Foundation
import SOPShell

/// Reads `--now` / `SOP_NOW`: a full ISO 8601 time, or a bare date (taken as noon UTC, the same day everywhere).
enum Clock {
    static func parse(_ text: String?) -> Result<Date?, ShellError> {
        guard let text, !text.isEmpty else { return .success(nil) }
        let styles = [
            Date.ISO8601FormatStyle(includingFractionalSeconds: true),
            Date.ISO8601FormatStyle(),
        ]
        for style in styles {
            if let date = try? style.parse(text) { return .success(date) }
        }
        if text.count == 10, let date = try? Date.ISO8601FormatStyle().parse(text + "T12:00:00Z") { return .success(date) }
        return .failure(.usage("--now '\(text)' is not an ISO 8601 time", fix: "write it like 2026-11-05T09:30:00Z or 2026-11-05"))
    }
}
