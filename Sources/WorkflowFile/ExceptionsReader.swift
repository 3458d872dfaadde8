import SOPCore
import Yams

/// Reads `exceptions: { over-capacity: 1.0, below-budget: 0.05, forecast-error: 0.4 }`: when a plan
/// figure becomes an exception. Every key is optional and a missing one keeps its default.
struct ExceptionsReader {
    let nodes: NodeReader

    static let keys = ["over-capacity", "below-budget", "forecast-error"]
    private var log: DiagnosticLog { nodes.log }

    func read(_ node: Node) -> ExceptionThresholds {
        var thresholds = ExceptionThresholds.defaults
        let hint = "write it like `exceptions: { over-capacity: 1.0, below-budget: 0.05, forecast-error: 0.4 }`"
        guard let fields = nodes.fields(node, of: "exceptions", allowed: Self.keys, hint: hint) else { return thresholds }
        let defaults = ExceptionThresholds.defaults
        if let node = fields["over-capacity"], let value = threshold(
            node, "over-capacity",
            meaning: "the utilisation (required / available) above which a resource is over capacity, 1.0 being 100 %",
            default: defaults.overCapacity)
        {
            thresholds.overCapacity = value
        }
        if let node = fields["below-budget"], let value = threshold(
            node, "below-budget", meaning: "how far below budget revenue may fall, as a fraction: 0.05 is 5 %",
            default: defaults.belowBudget)
        {
            thresholds.belowBudget = value
        }
        if let node = fields["forecast-error"], let value = threshold(
            node, "forecast-error", meaning: "the lag-1 WMAPE above which a family's forecast needs review, as a fraction",
            default: defaults.forecastError)
        {
            thresholds.forecastError = value
        }
        return thresholds
    }

    /// A number of 0 or more, written as a plain decimal (`1`, `0.05`); a percentage sign or a word is
    /// refused rather than guessed at.
    private func threshold(_ node: Node, _ key: String, meaning: String, default value: Double) -> Double? {
        let text: String? = if case .scalar(let scalar) = node, !node.isNull { scalar.string } else { nil }
        let number = text.flatMap { Self.isPlainDecimal($0) ? Double($0) : nil }
        guard let number, number.isFinite else {
            log.error(
                "bad \(key) \(NodeReader.written(node)) in exceptions (not a number: \(meaning); write it as a decimal "
                    + "like \(Self.written(value)), the default)",
                at: node.position)
            return nil
        }
        guard number >= 0 else {
            log.error(
                "bad \(key) \(NodeReader.written(node)) in exceptions (a threshold cannot be negative: \(meaning); "
                    + "the default is \(Self.written(value)))",
                at: node.position)
            return nil
        }
        return number
    }

    /// `-0.5`, `1`, `0.05`: digits with an optional sign and fraction (so `5%`, `1e3` and `.inf` are not numbers here).
    static func isPlainDecimal(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
    }

    /// Swift writes 1.0 and 0.05 the way the file would.
    private static func written(_ value: Double) -> String { String(value) }
}
