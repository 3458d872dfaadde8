import Foundation

/// A request to change a cycle, as a participant makes it; `CycleState.decide` turns it into events or a refusal.
public enum CycleCommand: Sendable, Equatable {
    case submit(stage: String, input: String, content: Submission)
    case signoff(stage: String, comment: String?, role: String?)
    case reject(stage: String, reason: String, input: String?)
    case waive(stage: String, reason: String)
    case close
}

/// What a participant hands in before it is stored: file bytes are checked against the input's format.
public enum Submission: Sendable, Equatable {
    case file(name: String, bytes: Data, sha256: String)
    case note(String)
    case link(String)

    var recorded: SubmittedContent {
        switch self {
        case .file(let name, let bytes, let sha): .file(name: name, sha256: sha, size: bytes.count)
        case .note(let text): .note(text)
        case .link(let url): .link(url)
        }
    }
}

extension CycleState {
    /// Validates a command against the rules and the current state; returns the events it produces.
    /// Pure: the caller appends the events in one transaction, or shows the refusal and changes nothing.
    public func decide(_ command: CycleCommand, by actor: Participant, team: Team) throws(Refusal) -> [EventPayload] {
        if isClosed {
            throw Refusal(.cycleClosed, "cycle \(id) is closed", fix: "open the next cycle with `cycle open`, or pick an open one with `cycle use`")
        }
        let rules = Rules(cycle: self, team: team)
        switch command {
        case .submit(let stageID, let inputID, let content):
            let stage = try rules.stage(stageID)
            guard let input = stage.input(inputID) else {
                throw Refusal(
                    .unknownInput, "\(stage.id) has no input '\(inputID)'",
                    fix: "use one of: \(stage.inputs.map(\.id).orList)")
            }
            try rules.mayChangeInputs(stage, by: actor)
            try rules.accepts(content, for: input, of: stage)
            let version = (record(stage.id).inputs[input.id]?.version ?? 0) + 1
            return [.inputSubmitted(InputSubmitted(stage: stage.id, input: input.id, version: version, content: content.recorded))]

        case .signoff(let stageID, let comment, let requestedRole):
            let stage = try rules.stage(stageID)
            let role = try rules.signoffRole(stage, by: actor, requested: requestedRole)
            return [.signedOff(SignedOff(stage: stage.id, role: role, comment: comment.nonBlank, basis: currentBasis(of: stage)))]

        case .reject(let stageID, let reason, let inputID):
            let stage = try rules.stage(stageID)
            let reason = try rules.reason(reason, for: "reject")
            let inputs = try rules.rejectable(stage, input: inputID, by: actor)
            return [.rejected(Rejected(stage: stage.id, reason: reason, inputs: inputs))]

        case .waive(let stageID, let reason):
            let stage = try rules.stage(stageID)
            let reason = try rules.reason(reason, for: "waive")
            try rules.requireLeader(actor, to: "waive a stage")
            let current = state(of: stage.id)
            if current.isComplete {
                throw Refusal(.stageState, "\(stage.id) is already \(current.rawValue)", fix: "only a waiting, open or review stage can be waived")
            }
            return [.waived(Waived(stage: stage.id, reason: reason))]

        case .close:
            try rules.requireLeader(actor, to: "close the cycle")
            let unfinished = workflow.stages.filter { !state(of: $0.id).isComplete }
            if !unfinished.isEmpty {
                let list = unfinished.map { "\($0.id) is \(state(of: $0.id).rawValue)" }
                throw Refusal(
                    .cycleIncomplete, "cycle \(id) cannot close: \(list.joined(separator: ", "))",
                    fix: "finish or waive every stage first; `status` shows what is missing")
            }
            return [.cycleClosed(CycleClosed())]
        }
    }

    /// Validates opening a new cycle; `existing` are the cycle ids already in the database.
    public static func decideOpen(
        cycle: CycleMonth, workflow: Workflow, hash: String, existing: [String], by actor: Participant, team: Team
    ) throws(Refusal) -> EventPayload {
        if !actor.isLeader {
            throw Refusal(.permission, "\(actor.id) may not open a cycle: only the leader may", fix: Rules.ask(team, role: "leader", to: "open it"))
        }
        if existing.contains(cycle.description) {
            throw Refusal(
                .cycleExists, "cycle \(cycle) already exists",
                fix: "switch to it with `cycle use \(cycle)`, or open another month")
        }
        return .cycleOpened(CycleOpened(workflow: workflow.id, workflowHash: hash))
    }
}

extension Optional where Wrapped == String {
    var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
