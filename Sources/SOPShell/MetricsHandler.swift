import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// `metrics [--cycles N]`: process-health figures over the newest N cycles (default 6).
extension Handlers {
    static let defaultMetricsWindow = 6

    static func metrics(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let window = try metricsWindow(command.option("--cycles"))
        let metrics = try ProcessQueries.metrics(session, window: window)
        if metrics.cycles.isEmpty {
            return Reply("No cycles yet, so there is no process to measure; the leader opens one with `cycle open`.", json: metrics)
        }
        return Reply(MetricsText.text(metrics, width: session.width), json: metrics)
    }

    /// `--cycles N`: a positive whole number (digits only, so `+3` or `1e2` are refused too); a typo
    /// is a usage error, not an empty report.
    static func metricsWindow(_ text: String?) throws(ShellError) -> Int {
        guard let text else { return defaultMetricsWindow }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), n > 0 else {
            throw ShellError.usage("--cycles needs a positive whole number, not '\(text)'", fix: "e.g. metrics --cycles 12")
        }
        return n
    }
}
