import Foundation

/// One stored file as a plan reads it: the bytes (by SHA-256), and how they are read — the plan kind
/// and the workflow's header mapping. The same bytes read under another mapping are other values, so
/// `key` names the way of reading, and the store keeps a file's values under (file, key).
public struct PlanReading: Sendable, Equatable {
    public var sha256: String
    public var fileName: String
    public var input: InputSpec
    public var kind: PlanKind

    public init(sha256: String, fileName: String, input: InputSpec, kind: PlanKind) {
        self.sha256 = sha256
        self.fileName = fileName
        self.input = input
        self.kind = kind
    }

    /// The kind and the mapped headers, in a fixed order: what makes two readings of one file equal.
    public var key: String {
        let headers = input.planHeaders.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
        return ([kind.rawValue] + headers).joined(separator: "\u{1F}")
    }

    /// The plan file an event stores, if it stores one: a submitted version of a plan input, or a
    /// scenario of one, read as the cycle's workflow declares that input.
    public static func of(_ event: CycleEvent, workflow: Workflow) -> PlanReading? {
        let stage: String, input: String, content: SubmittedContent
        switch event.payload {
        case .inputSubmitted(let e): (stage, input, content) = (e.stage, e.input, e.content)
        case .scenarioAdded(let e): (stage, input, content) = (e.stage, e.input, e.content)
        default: return nil
        }
        guard let spec = workflow.stage(stage)?.input(input), let kind = spec.plan, case .file(let name, let sha, _) = content else { return nil }
        return PlanReading(sha256: sha, fileName: name, input: spec, kind: kind)
    }
}

extension PlanSource {
    public var reading: PlanReading { PlanReading(sha256: sha256, fileName: fileName, input: input, kind: kind) }
}
