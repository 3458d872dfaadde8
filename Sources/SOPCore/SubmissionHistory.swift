/// Every version of one stage input submitted in a cycle, oldest first: what `show` reads back.
///
/// `CycleState` keeps only the current version of each input; the earlier ones live in the events,
/// so the history is folded from the stage's own events, rejections included.
public struct SubmissionHistory: Sendable, Equatable {
    public var cycle: String
    public var stage: String
    public var input: InputSpec
    /// Version 1 first; each carries the rejection that sent it back, if one did.
    public var versions: [SubmissionRecord]

    /// The history of `inputID` of `stageID` from the cycle's events (any subset holding that stage's
    /// events will do). Refused, naming what there is, for a stage or input the cycle's workflow lacks.
    public static func of(
        stage stageID: String, input inputID: String, in cycle: CycleState, events: [CycleEvent]
    ) throws(Refusal) -> SubmissionHistory {
        let stage = try cycle.workflow.requireStage(stageID)
        guard let input = stage.input(inputID) else {
            throw Refusal(.unknownInput, "\(stage.id) has no input '\(inputID)'", fix: "use one of: \(stage.inputs.map(\.id).orList)")
        }
        var versions: [SubmissionRecord] = []
        for event in events where event.cycle == cycle.id {
            switch event.payload {
            case .inputSubmitted(let e) where e.stage == stage.id && e.input == input.id:
                versions.append(SubmissionRecord(version: e.version, by: event.actor, at: event.time, content: e.content, rejection: nil))
            case .rejected(let e) where e.stage == stage.id && e.inputs.contains(input.id):
                if !versions.isEmpty { versions[versions.count - 1].rejection = RejectionRecord(by: event.actor, at: event.time, reason: e.reason) }
            default:
                break
            }
        }
        return SubmissionHistory(cycle: cycle.id, stage: stage.id, input: input, versions: versions)
    }

    /// The version asked for, or the newest when none is. Refused when nothing was submitted yet, or
    /// when the version asked for is not one there is (the refusal names the versions there are).
    public func version(_ number: Int?) throws(Refusal) -> SubmissionRecord {
        guard let newest = versions.last else {
            throw Refusal(
                .unknownVersion, "\(stage) \(input.id) has not been submitted in cycle \(cycle)",
                fix: "submit it first (`submit \(stage) \(input.id) ...`), or choose another cycle with --cycle")
        }
        guard let number else { return newest }
        guard let found = versions.first(where: { $0.version == number }) else {
            let there = versions.map { String($0.version) }
            throw Refusal(
                .unknownVersion, "\(stage) \(input.id) has no version \(number) in cycle \(cycle)",
                fix: there.count == 1 ? "there is only version 1: leave out --version" : "use one of: \(there.orList)")
        }
        return found
    }
}
