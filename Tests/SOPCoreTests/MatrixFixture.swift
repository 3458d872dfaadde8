import SOPCore
import Testing

/// A workflow and team in which every standing is held by exactly one role, so a probe participant
/// can be given one standing and nothing else:
///
///     plan (owner planner, contributor analyst, sign-off reviewer)
///       -> pre-sop (sign-off controller) -> executive-sop (sign-off sponsor, requires decisions)
///
/// `deciders: [cfo]`. Every base participant holds one role; olga holds none and owns the action the
/// action commands act on (unless the probe is the one with the action-owner standing).
enum MatrixFixture {
    static let workflow = Workflow(
        id: "matrix", title: "Permission matrix",
        roles: ["leader", "sponsor", "cfo", "planner", "analyst", "reviewer", "controller"].map { Role(id: $0, title: $0) },
        stages: [
            Stage(
                id: "plan", title: "Plan", owner: "planner", contributors: ["analyst"], inputs: [InputSpec(id: "notes")],
                signoffs: ["reviewer"]),
            Stage(id: "pre-sop", title: "Pre-S&OP", owner: "controller", after: ["plan"], signoffs: ["controller"]),
            Stage(
                id: "executive-sop", title: "Executive S&OP", owner: "leader", after: ["pre-sop"], signoffs: ["sponsor"],
                requires: [.decisions]),
        ],
        deciders: ["cfo"])

    /// Who holds each standing in the base team (the probe aside).
    static let holders: [Standing: String] = [
        .leader: "maria", .sponsor: "omar", .decider: "carla", .stageOwner: "peter", .contributor: "andy",
        .stageSignoff: "rita", .proposer: "conor", .actionOwner: "olga",
    ]

    static let base: [Participant] = [
        Participant(id: "maria", name: "Maria", roles: ["leader"]),
        Participant(id: "omar", name: "Omar", roles: ["sponsor"]),
        Participant(id: "carla", name: "Carla", roles: ["cfo"]),
        Participant(id: "peter", name: "Peter", roles: ["planner"]),
        Participant(id: "andy", name: "Andy", roles: ["analyst"]),
        Participant(id: "rita", name: "Rita", roles: ["reviewer"]),
        Participant(id: "conor", name: "Conor", roles: ["controller"]),
        Participant(id: "olga", name: "Olga", roles: []),
    ]

    /// The roles that give a participant one standing (the action owner's comes from owning the action).
    static func roles(for standing: Standing) -> [String] {
        switch standing {
        case .leader: ["leader"]
        case .sponsor: ["sponsor"]
        case .decider: ["cfo"]
        case .stageOwner: ["planner"]
        case .contributor: ["analyst"]
        case .stageSignoff: ["reviewer"]
        case .proposer: ["controller"]
        case .actionOwner, .participant: []
        }
    }

    static func probe(_ standing: Standing) -> Participant {
        Participant(id: "probe", name: "Probe", roles: roles(for: standing))
    }

    static func team(with probe: Participant) -> Team { Team(participants: base + [probe]) }

    /// How a refusal must name a standing, for this fixture's subject (stage `plan`, action A-1 of olga).
    static let words: [Standing: String] = [
        .leader: "the leader", .sponsor: "the sponsor", .decider: "decider role (cfo)", .stageOwner: "owner role planner",
        .contributor: "contributor role (analyst)", .stageSignoff: "sign-off role (reviewer)",
        .proposer: "proposer role (controller)", .actionOwner: "owner olga", .participant: "any participant",
    ]

    /// What each command acts on: the stage standings need a stage, the action owner's an action.
    enum Target { case none, stage, action }

    static func target(of command: GuardedCommand) -> Target {
        switch command {
        case .submit, .signoff, .reject, .waive: .stage
        case .actionDone, .actionCancel, .actionReassign: .action
        case .cycleOpen, .cycleClose, .cycleCancel, .propose, .decide, .deferProposal, .actionAdd: .none
        }
    }

    /// Whether a standing can be held towards what `command` acts on.
    static func applies(_ standing: Standing, to command: GuardedCommand) -> Bool {
        switch standing {
        case .stageOwner, .contributor, .stageSignoff: target(of: command) == .stage
        case .actionOwner: target(of: command) == .action
        case .leader, .sponsor, .decider, .proposer, .participant: true
        }
    }

    /// The event a command records when it is allowed.
    static func produces(_ command: GuardedCommand) -> EventType {
        switch command {
        case .cycleOpen: .cycleOpened
        case .cycleClose: .cycleClosed
        case .cycleCancel: .cycleCancelled
        case .submit: .inputSubmitted
        case .signoff: .signedOff
        case .reject: .rejected
        case .waive: .waived
        case .propose: .proposalRaised
        case .decide: .decisionRecorded
        case .deferProposal: .proposalDeferred
        case .actionAdd: .actionAdded
        case .actionDone: .actionDone
        case .actionCancel: .actionCancelled
        case .actionReassign: .actionReassigned
        }
    }
}

/// One cell of the matrix set up for real: a cycle in which `command` can only be refused for
/// permission, and the probe participant who has exactly one standing.
struct MatrixScene {
    var cycle: Cycle
    let probe: Participant
    /// The command as the REPL would send it; nil for `cycle open`, which is decided before a cycle exists.
    let command: CycleCommand?
    let subject: Permissions.Subject

    init(_ guarded: GuardedCommand, probe standing: Standing) throws {
        probe = MatrixFixture.probe(standing)
        var c = try Cycle(workflow: MatrixFixture.workflow, team: MatrixFixture.team(with: probe))
        let plan = try #require(c.workflow.stage("plan"))
        let owner = standing == .actionOwner ? probe.id : "olga"
        switch guarded {
        case .cycleOpen:
            command = nil
        case .cycleClose:
            for stage in ["plan", "pre-sop", "executive-sop"] { try c.run(.waive(stage, "not this month"), as: "maria") }
            command = .close
        case .cycleCancel:
            command = .cancel(reason: "opened by mistake")
        case .submit:
            command = .note("plan", "notes", "volumes agreed")
        case .signoff:
            try c.run(.note("plan", "notes", "volumes agreed"), as: "peter")
            command = .sign("plan")
        case .reject:
            try c.run(.note("plan", "notes", "volumes agreed"), as: "peter")
            command = .reject("plan", "volumes are last month's")
        case .waive:
            command = .waive("plan", "not this month")
        case .propose:
            command = .propose("Add a second shift")
        case .decide:
            try c.run(.propose("Add a second shift"), as: "maria")
            command = .decide(1, "Add the shift from December")
        case .deferProposal:
            try c.run(.propose("Add a second shift"), as: "maria")
            command = .postpone(1, to: "2026-12")
        case .actionAdd:
            command = .action("Call the union", owner: "olga", due: Cycle.today.adding(days: 7))
        case .actionDone, .actionCancel, .actionReassign:
            try c.run(.action("Call the union", owner: owner, due: Cycle.today.adding(days: 7)), as: "maria")
            command = switch guarded {
            case .actionDone: .completeAction(1, note: "called")
            case .actionCancel: .cancelAction(1, reason: "no longer needed")
            default: .reassignAction(1, owner: "omar")
            }
        }
        switch MatrixFixture.target(of: guarded) {
        case .none: subject = Permissions.Subject()
        case .stage: subject = Permissions.Subject(stage: plan)
        case .action:
            let action: FollowUpAction = try #require(c.register.actions[1])
            subject = Permissions.Subject(action: action)
        }
        cycle = c
    }

    /// Runs the command as `who`: the events it produced, or its refusal (checked to change nothing).
    mutating func attempt(as who: String, expectRefusal: Bool) throws -> Result<[EventPayload], Refusal> {
        guard let command else {
            let actor = try cycle.participant(who)
            do {
                let opened = try CycleState.decideOpen(
                    cycle: CycleMonth(year: 2026, month: 12), workflow: cycle.workflow, hash: "h", existing: ["2026-11"], by: actor,
                    team: cycle.team)
                return .success([opened])
            } catch {
                return .failure(error)
            }
        }
        if expectRefusal {
            guard let refusal = cycle.refusal(command, as: who) else { throw HarnessError("\(command) by \(who) was not refused") }
            return .failure(refusal)
        }
        do {
            return .success(try cycle.run(command, as: who))
        } catch let refusal as Refusal {
            return .failure(refusal)
        }
    }
}
