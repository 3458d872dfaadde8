import Foundation

/// A request to change a cycle, as a participant makes it; `CycleState.decide` turns it into events or a refusal.
public enum CycleCommand: Sendable, Equatable {
    case submit(stage: String, input: String, content: Submission)
    case signoff(stage: String, comment: String?, role: String?)
    case reject(stage: String, reason: String, input: String?)
    case waive(stage: String, reason: String)
    case close
    case cancel(reason: String)
    /// `scenarios` (`propose --scenarios A,B`) makes the named scenarios the options.
    case propose(text: String, stage: String?, options: [String], scenarios: [String] = [])
    /// `scenario add NAME STAGE INPUT FILE`: an alternative plan beside the input's submitted version.
    case addScenario(name: String, stage: String, input: String, content: Submission)
    case decide(proposal: Int?, text: String, rationale: String, option: String?, supersedes: Int?)
    case deferProposal(Int, to: String, reason: String)
    case addAction(title: String, owner: String, due: Day, decision: Int?, stage: String?)
    case completeAction(Int, note: String?)
    case cancelAction(Int, reason: String)
    case reassignAction(Int, owner: String)
}

/// What a cycle needs to know beyond its own events to decide a command: the follow-up items it can
/// see, the numbers the next new items get (numbered across the database), and today's date.
public struct DecisionContext: Sendable {
    public var register: FollowUpRegister
    public var next: NextNumbers
    public var today: Day?
    public init(register: FollowUpRegister = FollowUpRegister(), next: NextNumbers = NextNumbers(), today: Day? = nil) {
        self.register = register
        self.next = next
        self.today = today
    }
}

/// The numbers the next proposal, decision and action get.
public struct NextNumbers: Sendable, Equatable {
    public var proposal: Int
    public var decision: Int
    public var action: Int
    public init(proposal: Int = 1, decision: Int = 1, action: Int = 1) {
        self.proposal = proposal
        self.decision = decision
        self.action = action
    }
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
    /// Validates a command against the rules and the current state; returns the events it produces
    /// (none when the command changes nothing: see `decision`).
    /// Pure: the caller appends the events in one transaction, or shows the refusal and changes nothing.
    public func decide(
        _ command: CycleCommand, by actor: Participant, team: Team, context: DecisionContext = DecisionContext()
    ) throws(Refusal) -> [EventPayload] {
        try decision(command, by: actor, team: team, context: context).events
    }

    /// Like `decide`, and says why a command that is allowed records nothing.
    public func decision(
        _ command: CycleCommand, by actor: Participant, team: Team, context: DecisionContext = DecisionContext()
    ) throws(Refusal) -> CycleDecision {
        if case .submit(let stageID, let inputID, let content) = command {
            return try decideSubmission(stageID, inputID, content, by: actor, team: team)
        }
        return .record(try decideChange(command, by: actor, team: team, context: context))
    }

    /// A submission is a new version unless it hands in exactly what the input's current version holds:
    /// then nothing is recorded and no sign-off goes stale (a second upload of the same file is not news).
    /// A version a reviewer rejected is not current, so handing the same content in again answers the
    /// rejection and is recorded.
    private func decideSubmission(
        _ stageID: String, _ inputID: String, _ content: Submission, by actor: Participant, team: Team
    ) throws(Refusal) -> CycleDecision {
        try requireOpen()
        let rules = Rules(cycle: self, team: team)
        let stage = try rules.stage(stageID)
        guard let input = stage.input(inputID) else {
            throw Refusal(
                .unknownInput, "\(stage.id) has no input '\(inputID)'",
                fix: "use one of: \(stage.inputs.map(\.id).orList)")
        }
        try rules.mayChangeInputs(stage, by: actor)
        try rules.accepts(content, for: input, of: stage)
        let current = record(stage.id).inputs[input.id]
        if let current, current.isCurrent, current.content.sameContent(as: content.recorded) {
            return .unchanged(UnchangedInput(stage: stage.id, input: input.id, version: current.version))
        }
        let version = (current?.version ?? 0) + 1
        return .record([.inputSubmitted(InputSubmitted(stage: stage.id, input: input.id, version: version, content: content.recorded))])
    }

    private func decideChange(
        _ command: CycleCommand, by actor: Participant, team: Team, context: DecisionContext
    ) throws(Refusal) -> [EventPayload] {
        try requireOpen()
        let rules = Rules(cycle: self, team: team)
        switch command {
        case .submit(let stageID, let inputID, let content):
            return try decideSubmission(stageID, inputID, content, by: actor, team: team).events

        case .signoff(let stageID, let comment, let requestedRole):
            let stage = try rules.stage(stageID)
            let role = try rules.signoffRole(stage, by: actor, requested: requestedRole)
            try rules.requirementsMet(stage, context.register)
            return [.signedOff(SignedOff(stage: stage.id, role: role, comment: comment.nonBlank, basis: currentBasis(of: stage)))]

        case .reject(let stageID, let reason, let inputID):
            let stage = try rules.stage(stageID)
            let reason = try rules.reason(reason, for: "reject")
            let inputs = try rules.rejectable(stage, input: inputID, by: actor)
            return [.rejected(Rejected(stage: stage.id, reason: reason, inputs: inputs))]

        case .waive(let stageID, let reason):
            let stage = try rules.stage(stageID)
            let reason = try rules.reason(reason, for: "waive")
            try rules.permit(.waive, actor, towards: .init(stage: stage))
            let current = state(of: stage.id)
            if current.isComplete {
                throw Refusal(.stageState, "\(stage.id) is already \(current.rawValue)", fix: "only a waiting, open or review stage can be waived")
            }
            return [.waived(Waived(stage: stage.id, reason: reason))]

        case .addScenario(let name, let stageID, let inputID, let content):
            return [.scenarioAdded(try decideScenario(name, stageID, inputID, content, by: actor, rules: rules))]

        case .close:
            try rules.permit(.cycleClose, actor)
            var reasons = workflow.stages.filter { !state(of: $0.id).isComplete }.map { "\($0.id) is \(state(of: $0.id).rawValue)" }
            reasons += context.register.openProposals(of: id).map { "\($0.label) is not decided or deferred" }
            for action in context.register.openActions(of: id) where team.participant(action.owner) == nil {
                reasons.append("\(action.label) is owned by \(action.owner), who is not on the team")
            }
            if !reasons.isEmpty {
                throw Refusal(
                    .cycleIncomplete, "cycle \(id) cannot close: \(reasons.joined(separator: "; "))",
                    fix: "finish or waive every stage, decide or defer every proposal (`defer P-N --to YYYY-MM`), and give every action a current owner (`action reassign`); `status` and `proposals` show what is missing")
            }
            return [.cycleClosed(CycleClosed())]

        case .cancel(let reason):
            return try decideCancel(reason: reason, rules: rules, by: actor, register: context.register)

        case .propose, .decide, .deferProposal, .addAction, .completeAction, .cancelAction, .reassignAction:
            return try FollowUpRules(rules: rules, context: context).decide(command, by: actor)
        }
    }

    /// Validates opening a new cycle; `existing` are the cycle ids already in the database, `cancelled`
    /// those of them whose cycle was cancelled: such a month may be opened again (its cancelled cycle
    /// stays in the log). With `today`, a month far from the clock's is refused unless `force`.
    public static func decideOpen(
        cycle: CycleMonth, workflow: Workflow, hash: String, existing: [String], cancelled: [String] = [], today: Day? = nil,
        force: Bool = false, by actor: Participant, team: Team
    ) throws(Refusal) -> EventPayload {
        try Permissions.check(.cycleOpen, actor, team: team, workflow: workflow)
        if let today { try CycleWindow.check(cycle, today: today, force: force) }
        if existing.contains(cycle.description), !cancelled.contains(cycle.description) {
            throw Refusal(
                .cycleExists, "cycle \(cycle) already exists",
                fix: "switch to it with `cycle use \(cycle)`, or open another month")
        }
        return .cycleOpened(CycleOpened(workflow: workflow.id, workflowHash: hash))
    }
}

extension CycleState {
    /// A closed or cancelled cycle takes no changes.
    /// A scenario needs the right to submit its input, and passes the input's own checks (a plan
    /// file is read value by value), so comparing it can never fail on a bad number later.
    private func decideScenario(
        _ name: String, _ stageID: String, _ inputID: String, _ content: Submission, by actor: Participant, rules: Rules
    ) throws(Refusal) -> ScenarioAdded {
        try Scenarios.requireName(name)
        if scenarios.contains(where: { $0.name == name }) {
            throw Refusal(.badArgument, "cycle \(id) already has a scenario '\(name)'", fix: "give it another name; `scenario list` shows the names taken")
        }
        let stage = try rules.stage(stageID)
        guard let input = stage.input(inputID) else {
            throw Refusal(.unknownInput, "\(stage.id) has no input '\(inputID)'", fix: "use one of: \(stage.inputs.map(\.id).orList)")
        }
        guard input.plan != nil else {
            let plans = workflow.stages.flatMap { s in s.inputs.filter { $0.plan != nil }.map { "\(s.id) \($0.id)" } }
            throw Refusal(
                .inputFormat, "a scenario is an alternative plan; \(stage.id) \(input.id) is not a plan input",
                fix: plans.isEmpty ? "declare `plan: KIND` on a CSV input of the workflow first" : "add a scenario of \(plans.orList)")
        }
        guard case .file = content else {
            throw Refusal(.inputFormat, "a scenario of \(stage.id) \(input.id) is a CSV file", fix: "give the scenario's plan file")
        }
        try rules.mayChangeInputs(stage, by: actor)
        try rules.accepts(content, for: input, of: stage)
        return ScenarioAdded(name: name, stage: stage.id, input: input.id, content: content.recorded)
    }

    func requireOpen() throws(Refusal) {
        if let reason = cancelReason {
            throw Refusal(
                .cycleCancelled, "cycle \(id) was cancelled (\(reason))",
                fix: "pick a cycle with `cycle use`, or open the month again with `cycle open \(id)`")
        }
        if isClosed {
            throw Refusal(.cycleClosed, "cycle \(id) is closed", fix: "open the next cycle with `cycle open`, or pick an open one with `cycle use`")
        }
    }
}

/// What `CycleState.decision` made of an allowed command.
public enum CycleDecision: Sendable, Equatable {
    /// The events to append (in this order).
    case record([EventPayload])
    /// A submission of exactly what the input's current version holds: nothing to record.
    case unchanged(UnchangedInput)

    public var events: [EventPayload] {
        switch self {
        case .record(let events): events
        case .unchanged: []
        }
    }
}

/// An input that already holds what was submitted, at `version`.
public struct UnchangedInput: Sendable, Equatable {
    public var stage: String
    public var input: String
    public var version: Int
    public init(stage: String, input: String, version: Int) {
        self.stage = stage
        self.input = input
        self.version = version
    }
}

extension SubmittedContent {
    /// The same bytes (whatever the file is called), the same note text, or the same link.
    func sameContent(as other: SubmittedContent) -> Bool {
        switch (self, other) {
        case (.file(_, let a, let sizeA), .file(_, let b, let sizeB)): a == b && sizeA == sizeB
        case (.note(let a), .note(let b)): a == b
        case (.link(let a), .link(let b)): a == b
        default: false
        }
    }
}

extension Optional where Wrapped == String {
    var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

extension CycleCommand {
    /// Follow-up items the command names (`P-3`, `D-1`, `A-2`), which may belong to any cycle.
    public var referencedItems: [String] {
        switch self {
        case .decide(let proposal, _, _, _, let supersedes):
            [proposal.map(FollowUpKind.proposal.label), supersedes.map(FollowUpKind.decision.label)].compactMap { $0 }
        case .deferProposal(let n, _, _): [FollowUpKind.proposal.label(n)]
        case .addAction(_, _, _, let decision, _): decision.map { [FollowUpKind.decision.label($0)] } ?? []
        case .completeAction(let n, _), .cancelAction(let n, _), .reassignAction(let n, _): [FollowUpKind.action.label(n)]
        case .submit, .signoff, .reject, .waive, .close, .cancel, .propose, .addScenario: []
        }
    }
}
