/// Who may run which state-changing command: the one permission matrix. `help permissions` prints it,
/// the README reproduces it, every rule checks against it, and every refusal names who may act.
///
/// Rows are commands; columns are a participant's standings towards what the command acts on (the
/// stage, the action). A participant usually has several standings; one allowed standing suffices.
/// Commands not listed here (status, why, log, proposals, agenda, ...) only read: anyone may run them.

/// A command that changes the record.
public enum GuardedCommand: String, Sendable, CaseIterable {
    case cycleOpen = "cycle open"
    case cycleClose = "cycle close"
    case cycleCancel = "cycle cancel"
    case submit
    case signoff
    case reject
    case waive
    case propose
    case decide
    case deferProposal = "defer"
    case actionAdd = "action add"
    case actionDone = "action done"
    case actionCancel = "action cancel"
    case actionReassign = "action reassign"

    /// `may not <verb>` in refusals.
    func verb(stage: String?, action: String?) -> String {
        switch self {
        case .cycleOpen: "open a cycle"
        case .cycleClose: "close the cycle"
        case .cycleCancel: "cancel the cycle"
        case .submit: "submit \(stage ?? "stage") inputs"
        case .signoff: "sign off \(stage ?? "a stage")"
        case .reject: "reject \(stage ?? "a stage")"
        case .waive: "waive \(stage ?? "a stage")"
        case .propose: "raise a decision request"
        case .decide: "record a decision"
        case .deferProposal: "defer a proposal"
        case .actionAdd: "add an action"
        case .actionDone: "complete \(action ?? "an action")"
        case .actionCancel: "cancel \(action ?? "an action")"
        case .actionReassign: "reassign \(action ?? "an action")"
        }
    }
}

/// How a participant stands towards what a command acts on.
public enum Standing: String, Sendable, CaseIterable, Hashable {
    case leader
    case sponsor
    /// Holds a role the workflow lists under `deciders:`.
    case decider
    /// Holds the owner role of the stage acted on.
    case stageOwner = "stage owner"
    /// Holds one of the stage's `contributors:` roles.
    case contributor
    /// Holds one of the stage's `signoffs:` roles.
    case stageSignoff = "stage sign-off"
    /// Holds a role that may raise proposals (`Workflow.proposerRoles`).
    case proposer
    /// Owns the follow-up action acted on.
    case actionOwner = "action owner"
    /// Anyone on the team.
    case participant = "any participant"
}

public enum Permissions {
    /// The matrix, in the order `help permissions` prints it.
    public static let matrix: [(command: GuardedCommand, allowed: Set<Standing>)] = [
        (.cycleOpen, [.leader]),
        (.cycleClose, [.leader]),
        (.cycleCancel, [.leader]),
        (.submit, [.leader, .stageOwner, .contributor]),
        (.signoff, [.stageSignoff]),
        (.reject, [.leader, .stageSignoff]),
        (.waive, [.leader]),
        (.propose, [.leader, .proposer]),
        (.decide, [.sponsor, .decider]),
        (.deferProposal, [.leader, .sponsor, .decider]),
        (.actionAdd, [.participant]),
        (.actionDone, [.leader, .actionOwner]),
        (.actionCancel, [.leader, .actionOwner]),
        (.actionReassign, [.leader, .actionOwner]),
    ]

    public static func allowed(_ command: GuardedCommand) -> Set<Standing> {
        matrix.first { $0.command == command }?.allowed ?? []
    }

    /// What a command acts on, which decides the stage and action standings.
    public struct Subject: Sendable {
        public var stage: Stage?
        public var action: FollowUpAction?
        public init(stage: Stage? = nil, action: FollowUpAction? = nil) {
            self.stage = stage
            self.action = action
        }
    }

    /// Every standing `actor` has towards `subject` in `workflow`.
    public static func standings(of actor: Participant, in workflow: Workflow, towards subject: Subject = Subject()) -> Set<Standing> {
        var found: Set<Standing> = [.participant]
        if actor.isLeader { found.insert(.leader) }
        if actor.holds("sponsor") { found.insert(.sponsor) }
        if workflow.deciders.contains(where: actor.holds) { found.insert(.decider) }
        if workflow.proposerRoles.contains(where: actor.holds) { found.insert(.proposer) }
        if let stage = subject.stage {
            if actor.holds(stage.owner) { found.insert(.stageOwner) }
            if stage.contributors.contains(where: actor.holds) { found.insert(.contributor) }
            if stage.signoffs.contains(where: actor.holds) { found.insert(.stageSignoff) }
        }
        if let action = subject.action, action.owner == actor.id { found.insert(.actionOwner) }
        return found
    }

    public static func isAllowed(_ command: GuardedCommand, _ actor: Participant, in workflow: Workflow, towards subject: Subject = Subject()) -> Bool {
        !allowed(command).isDisjoint(with: standings(of: actor, in: workflow, towards: subject))
    }

    /// Refuses unless the matrix allows `actor` to run `command` on `subject`; the refusal says who may.
    public static func check(
        _ command: GuardedCommand, _ actor: Participant, team: Team, workflow: Workflow, towards subject: Subject = Subject()
    ) throws(Refusal) {
        if isAllowed(command, actor, in: workflow, towards: subject) { return }
        let allowed = Standing.allCases.filter(allowed(command).contains)
        let who = allowed.map { describe($0, workflow: workflow, subject: subject) }
        let people = allowed.flatMap { holders($0, team: team, workflow: workflow, subject: subject) }
        var unique: [String] = []
        var ids: [String] = []
        for person in people where !unique.contains(person.text) {
            unique.append(person.text)
            if !ids.contains(person.id) { ids.append(person.id) }
        }
        let verb = command.verb(stage: subject.stage?.id, action: subject.action?.label)
        let fix = unique.isEmpty ? "nobody on the team may; give someone the role in the team file" : "ask \(unique.orList) to do it"
        // Under `identity: os` nobody can switch to someone else, so only asking them is advice that works.
        throw Refusal(
            .permission, "\(actor.id) may not \(verb): only \(who.orList) may", fix: fix,
            actAs: team.identity == .declared ? ids : [])
    }

    /// `the leader`, `the stage's owner role demand`: a standing in words, for this subject.
    static func describe(_ standing: Standing, workflow: Workflow, subject: Subject) -> String {
        switch standing {
        case .leader: return "the leader"
        case .sponsor: return "the sponsor"
        case .decider: return workflow.deciders.isEmpty ? "a decider role (the workflow names none)" : "a decider role (\(workflow.deciders.orList))"
        case .stageOwner: return "its owner role \(subject.stage?.owner ?? "")"
        case .contributor:
            let roles = subject.stage?.contributors ?? []
            return roles.isEmpty ? "a contributor role (it has none)" : "a contributor role (\(roles.orList))"
        case .stageSignoff: return "a sign-off role (\((subject.stage?.signoffs ?? []).orList))"
        case .proposer:
            let roles = workflow.proposerRoles
            return roles.isEmpty ? "a proposer role (the workflow names none)" : "a proposer role (\(roles.orList))"
        case .actionOwner: return "its owner \(subject.action?.owner ?? "")"
        case .participant: return "any participant"
        }
    }

    /// `dan (demand)`, with the id `dan`: the people who have a standing, for the refusal's fix.
    static func holders(_ standing: Standing, team: Team, workflow: Workflow, subject: Subject) -> [(id: String, text: String)] {
        func holding(_ roles: [String]) -> [(id: String, text: String)] {
            team.holdings(of: roles).map { ($0.participant.id, $0.described) }
        }
        switch standing {
        case .leader: return holding(["leader"])
        case .sponsor: return holding(["sponsor"])
        case .decider: return holding(workflow.deciders)
        case .stageOwner: return holding(subject.stage.map { [$0.owner] } ?? [])
        case .contributor: return holding(subject.stage?.contributors ?? [])
        case .stageSignoff: return holding(subject.stage?.signoffs ?? [])
        case .proposer: return holding(workflow.proposerRoles)
        case .actionOwner: return subject.action.map { [($0.owner, "\($0.owner) (owner)")] } ?? []
        case .participant: return []
        }
    }
}
