import Foundation

/// Which stored file stands for each plan kind of a cycle: the scenario a decision in force
/// promoted, else the input's current version (a rejected version is no plan of record).
public struct PlanSource: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        case submitted(version: Int)
        case scenario(name: String, decision: Int)
    }

    public var key: PlanInputKey
    public var input: InputSpec
    public var kind: PlanKind
    public var fileName: String
    public var sha256: String
    public var origin: Origin

    public init(key: PlanInputKey, input: InputSpec, kind: PlanKind, fileName: String, sha256: String, origin: Origin) {
        self.key = key
        self.input = input
        self.kind = kind
        self.fileName = fileName
        self.sha256 = sha256
        self.origin = origin
    }
}

public enum PlanOfRecord {
    /// The events the plan record needs: submissions, rejections and scenarios.
    public static let eventTypes: [EventType] = [.inputSubmitted, .rejected, .scenarioAdded]

    /// What a cycle's plan events leave: each input's current file and the scenarios added.
    public struct Fold: Sendable, Equatable {
        public var current: [PlanInputKey: (name: String, sha256: String, version: Int)] {
            files.compactMapValues { $0.rejected ? nil : ($0.name, $0.sha256, $0.version) }
        }
        public var scenarios: [Scenario] = []
        var files: [PlanInputKey: File] = [:]

        struct File: Sendable, Equatable {
            var name: String
            var sha256: String
            var version: Int
            var rejected: Bool
        }

        public init() {}

        /// Folds one event of the cycle (any other type is ignored).
        public mutating func apply(_ event: CycleEvent) {
            switch event.payload {
            case .inputSubmitted(let e):
                let key = PlanInputKey(stage: e.stage, input: e.input)
                if case .file(let name, let sha, _) = e.content {
                    files[key] = File(name: name, sha256: sha, version: e.version, rejected: false)
                } else {
                    files[key] = nil
                }
            case .rejected(let e):
                for input in e.inputs { files[PlanInputKey(stage: e.stage, input: input)]?.rejected = true }
            case .scenarioAdded(let e):
                scenarios.append(Scenario(name: e.name, stage: e.stage, input: e.input, by: event.actor, at: event.time, content: e.content))
            default:
                break
            }
        }

        public static func == (a: Fold, b: Fold) -> Bool { a.files == b.files && a.scenarios == b.scenarios }
    }

    /// Each plan kind the workflow declares, with the file that stands for it: the promoted scenario
    /// (`promotions`), else the current version. Kinds nothing was submitted for are absent.
    public static func sources(workflow: Workflow, fold: Fold, promotions: [PlanInputKey: Promotion]) -> [PlanKind: PlanSource] {
        var sources: [PlanKind: PlanSource] = [:]
        let current = fold.current
        for stage in workflow.stages {
            for input in stage.inputs {
                guard let kind = input.plan else { continue }
                let key = PlanInputKey(stage: stage.id, input: input.id)
                if let promoted = promotions[key], case .file(let name, let sha, _) = promoted.scenario.content {
                    sources[kind] = PlanSource(
                        key: key, input: input, kind: kind, fileName: name, sha256: sha,
                        origin: .scenario(name: promoted.scenario.name, decision: promoted.decision))
                } else if let file = current[key] {
                    sources[kind] = PlanSource(
                        key: key, input: input, kind: kind, fileName: file.name, sha256: file.sha256, origin: .submitted(version: file.version))
                }
            }
        }
        return sources
    }

    /// The plan input a workflow declares for `kind`, with its stage.
    public static func input(of kind: PlanKind, in workflow: Workflow) -> (stage: Stage, input: InputSpec)? {
        for stage in workflow.stages {
            if let input = stage.inputs.first(where: { $0.plan == kind }) { return (stage, input) }
        }
        return nil
    }

    /// The demand plan of record, which every balance needs (it makes the horizon); refused, saying
    /// what to submit, when the workflow declares none or nothing stands for it yet.
    public static func requireDemand(_ sources: [PlanKind: PlanSource], cycle: String, workflow: Workflow) throws(Refusal) -> PlanSource {
        if let demand = sources[.demand] { return demand }
        guard let (stage, input) = input(of: .demand, in: workflow) else {
            throw Refusal(
                .noPlan, "the workflow of cycle \(cycle) declares no demand plan",
                fix: "give a CSV input `plan: demand` in the workflow (README, \"Plan inputs\"), then open a cycle on it")
        }
        throw Refusal(
            .noPlan, "cycle \(cycle) has no demand plan yet",
            fix: "submit it: submit \(stage.id) \(input.id) FILE.csv")
    }
}
