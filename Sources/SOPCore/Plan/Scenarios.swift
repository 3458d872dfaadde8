import Foundation

/// A what-if version of a plan input (`scenario add NAME STAGE INPUT FILE`): an overtime supply plan,
/// a promotion-driven demand plan. It changes nothing until an executive decision chooses it; from
/// then it is the plan of record for its input in that cycle.
public struct ScenarioAdded: Sendable, Equatable, Codable {
    public var name: String
    public var stage: String
    public var input: String
    public var content: SubmittedContent

    public init(name: String, stage: String, input: String, content: SubmittedContent) {
        self.name = name
        self.stage = stage
        self.input = input
        self.content = content
    }
}

/// A scenario as the cycle holds it.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var stage: String
    public var input: String
    public var by: String
    public var at: Date
    public var content: SubmittedContent
}

/// The stage input a plan of record belongs to.
public struct PlanInputKey: Sendable, Hashable, Comparable {
    public var stage: String
    public var input: String

    public init(stage: String, input: String) {
        self.stage = stage
        self.input = input
    }

    public static func < (a: Self, b: Self) -> Bool { (a.stage, a.input) < (b.stage, b.input) }
}

/// Which scenario a decision made the plan of record.
public struct Promotion: Sendable, Equatable {
    public var scenario: Scenario
    /// The decision (D-N) in force that chose it.
    public var decision: Int
}

public enum Scenarios {
    /// The option that stands for the submitted plan in `propose --scenarios A,baseline`: choosing it
    /// promotes nothing, so the submitted version stays (or becomes again) the plan of record.
    public static let baseline = "baseline"

    /// Names are ids a planner types and Tab-completes: a lowercase letter, then letters, digits and hyphens.
    public static func requireName(_ name: String) throws(Refusal) {
        let scalars = Array(name.unicodeScalars)
        let valid = scalars.first.map { ("a"..."z").contains($0) } == true && scalars.count <= 40
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard valid else {
            throw Refusal(
                .badArgument, "'\(name)' is not a scenario name",
                fix: "use a lowercase id of at most 40 characters: a letter, then letters, digits or hyphens, e.g. overtime-line-2")
        }
        guard name != baseline else {
            throw Refusal(.badArgument, "'\(baseline)' names the submitted plan", fix: "give the scenario another name, e.g. overtime")
        }
    }

    /// Each input's promoted scenario in `cycle` (its scenarios, read without folding the cycle): a
    /// decision recorded in the cycle and still in force whose option names one of the cycle's
    /// scenarios. When two such decisions touch one input, the later (higher D-N) wins. A decision
    /// superseded by one that chose `baseline` (or another scenario) no longer counts, so superseding
    /// restores the submitted version or promotes the new choice. The plan record asks nothing of a
    /// cancelled cycle.
    public static func promotions(of scenarios: [Scenario], cycle: String, register: FollowUpRegister) -> [PlanInputKey: Promotion] {
        guard !scenarios.isEmpty else { return [:] }
        let byName = Dictionary(scenarios.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var promoted: [PlanInputKey: Promotion] = [:]
        for decision in register.decisions.values.sorted(by: { $0.number < $1.number })
        where decision.cycle == cycle && decision.isInForce {
            guard let option = decision.option, let scenario = byName[option] else { continue }
            promoted[PlanInputKey(stage: scenario.stage, input: scenario.input)] = Promotion(scenario: scenario, decision: decision.number)
        }
        return promoted
    }
}
