import SOPCore
import Yams

/// Reads `limits: { note: 4000, file: 20MB, agenda-lines: 6 }`; every key is optional and a missing
/// one keeps its default.
struct LimitsReader {
    let nodes: NodeReader

    static let keys = ["note", "file", "agenda-lines"]
    private var log: DiagnosticLog { nodes.log }

    func read(_ node: Node) -> SubmissionLimits {
        var limits = SubmissionLimits()
        let hint = "write it like `limits: { note: 4000, file: 20MB, agenda-lines: 6 }`"
        guard let fields = nodes.fields(node, of: "limits", allowed: Self.keys, hint: hint) else { return limits }
        if let node = fields["note"] {
            if let n = NodeReader.wholeNumber(node), (1...1_000_000).contains(n) {
                limits.note = n
            } else {
                log.error(
                    "bad note limit \(NodeReader.written(node)) (the most characters a --note may hold: a whole number "
                        + "from 1 to 1000000; the default is \(SubmissionLimits.defaultNote))",
                    at: node.position)
            }
        }
        if let node = fields["file"] {
            let text: String? = if case .scalar(let scalar) = node, !node.isNull { scalar.string } else { nil }
            if let bytes = text.flatMap(SubmissionLimits.parseSize), (1...SubmissionLimits.largestFile).contains(bytes) {
                limits.file = bytes
            } else {
                log.error(
                    "bad file limit \(NodeReader.written(node)) (the largest file a submission may be, like 20MB, 500KB "
                        + "or 1500B, at most \(SubmissionLimits.size(SubmissionLimits.largestFile)); the default is "
                        + "\(SubmissionLimits.size(SubmissionLimits.defaultFile)))",
                    at: node.position)
            }
        }
        if let node = fields["agenda-lines"] {
            if let n = NodeReader.wholeNumber(node), (1...200).contains(n) {
                limits.agendaLines = n
            } else {
                log.error(
                    "bad agenda-lines \(NodeReader.written(node)) (how many lines of a note the agenda prints: a whole "
                        + "number from 1 to 200; the default is \(SubmissionLimits.defaultAgendaLines))",
                    at: node.position)
            }
        }
        return limits
    }
}
