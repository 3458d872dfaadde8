import Foundation

/// The escalation ladders of one cycle, evaluated at one moment: which rungs have fallen due and are
/// not on record yet, and which live escalations no longer hold. Pure: the caller appends the events.
public struct EscalationCheck: Sendable {
    public let cycle: CycleState
    public let team: Team
    public let today: Day
    /// The follow-up items the cycle sees, plus any action a live escalation names.
    public let register: FollowUpRegister
    public let escalations: EscalationRegister

    public init(cycle: CycleState, team: Team, today: Day, register: FollowUpRegister, escalations: EscalationRegister) {
        self.cycle = cycle
        self.team = team
        self.today = today
        self.register = register
        self.escalations = escalations
    }

    private var workflow: Workflow { cycle.workflow }

    // MARK: resolving

    /// A resolution for every live escalation whose condition has ended: its stage is done or waived (or
    /// no longer past due, or no longer in review), its action closed.
    public func resolutions() -> [EventPayload] {
        escalations.live.compactMap { escalation in
            reasonResolved(escalation).map { .escalationResolved(EscalationResolved(number: escalation.number, reason: $0)) }
        }
    }

    private func reasonResolved(_ escalation: Escalation) -> EscalationResolution? {
        if escalation.cycle == cycle.id, cycle.isCancelled, escalation.subject.stage != nil { return .cycleCancelled(cycle: cycle.id) }
        switch escalation.subject {
        case .lateStage(let id):
            guard escalation.cycle == cycle.id, let stage = workflow.stage(id) else { return nil }
            if let reason = completion(id) { return reason }
            if cycle.isClosed { return .cycleClosed(cycle: cycle.id) }
            return cycle.timing(of: stage, today: today).isOverdue ? nil : .noLongerPastDue(stage: id)
        case .signoffWait(let id):
            guard escalation.cycle == cycle.id else { return nil }
            if let reason = completion(id) { return reason }
            if cycle.isClosed { return .cycleClosed(cycle: cycle.id) }
            let state = cycle.state(of: id)
            return state == .review ? nil : .wentBack(stage: id, to: state)
        case .overdueAction(let number):
            guard let action = register.actions[number] else { return nil }
            switch action.state {
            case .open: return nil
            case .done: return .actionDone(action: number)
            case .cancelled: return .actionCancelled(action: number)
            }
        }
    }

    private func completion(_ stage: String) -> EscalationResolution? {
        switch cycle.state(of: stage) {
        case .done: .stageDone(stage: stage)
        case .waived: .stageWaived(stage: stage)
        case .waiting, .open, .review: nil
        }
    }

    // MARK: raising

    /// An `escalation-raised` event for every rung that has fallen due today and has no live escalation,
    /// numbered from `next`. A closed cycle raises nothing.
    public func raises(numberingFrom next: Int) -> [EventPayload] {
        guard !cycle.isClosed else { return [] }
        var found: [EscalationRaised] = []
        func fire(_ subject: EscalationSubject, _ ladder: [EscalationStep], workdays: Int, stage: Stage?, action: FollowUpAction?,
                  lateness: Int) {
            for (index, step) in ladder.enumerated() where step.after <= workdays {
                let level = index + 1
                guard escalations.live(subject, level: level, in: cycle.id) == nil else { continue }
                let (roles, told, unheld) = recipients(step.notify, stage: stage, action: action)
                found.append(EscalationRaised(
                    number: next + found.count, subject: subject, level: level, workdays: workdays, roles: roles, told: told,
                    unheld: unheld, lateness: lateness))
            }
        }
        for stage in workflow.stages {
            let state = cycle.state(of: stage.id)
            // A waiting stage is late because of what it waits for; that stage's ladder does the chasing.
            guard state == .open || state == .review else { continue }
            let timing = cycle.timing(of: stage, today: today)
            if timing.isOverdue {
                // `workdaysChased` leaves out the days a late upstream held the stage (that stage's ladder
                // covered them) and, for a reopened stage, the days before it reopened.
                fire(
                    .lateStage(stage.id), stage.escalation, workdays: timing.workdaysChased, stage: stage, action: nil,
                    lateness: timing.workdaysLate)
            }
            if state == .review, let since = cycle.record(stage.id).stateSince {
                let waited = workflow.calendar.workdaysBetween(workflow.calendar.day(containing: since), today)
                fire(
                    .signoffWait(stage.id), workflow.signoffEscalation, workdays: waited, stage: stage, action: nil,
                    lateness: waited)
            }
        }
        for action in register.openActions(of: cycle.id) {
            let late = action.workdaysOverdue(on: today, calendar: workflow.calendar)
            guard late > 0 else { continue }
            fire(
                .overdueAction(action.number), workflow.actionEscalation, workdays: late, stage: nil, action: action,
                lateness: late)
        }
        return found.map { .escalationRaised($0) }
    }

    /// Resolves `owner` (the stage's owner role, or the action's owner) and `signers` (the roles whose
    /// sign-off the stage still lacks) and finds who holds each role, in team order.
    func recipients(_ notify: [String], stage: Stage?, action: FollowUpAction?) -> (roles: [String], told: [String], unheld: [String]) {
        var roles: [String] = []
        var people: Set<String> = []
        for word in notify {
            switch word {
            case EscalationStep.ownerAlias:
                if let stage { roles.append(stage.owner) }
                if let action {
                    roles.append(word)
                    people.insert(action.owner)
                }
            case EscalationStep.signersAlias:
                if let stage { roles += cycle.status(of: stage, today: today).missingSignoffs }
            default:
                roles.append(word)
            }
        }
        roles = roles.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        var unheld: [String] = []
        for role in roles where role != EscalationStep.ownerAlias {
            let holders = team.holders(of: role)
            if holders.isEmpty { unheld.append(role) }
            people.formUnion(holders.map(\.id))
        }
        let told = team.participants.map(\.id).filter(people.contains)
            + people.subtracting(team.participants.map(\.id)).sorted()
        return (roles, told, unheld)
    }
}
