import Foundation

/// `why STAGE` as facts, not sentences: where the stage stands, what blocks it and who must act next.
/// SOPText words it (`ExplanationText`), so the rule and its English stay apart.
public struct StageExplanation: Sendable, Equatable {
    public var stage: String
    public var title: String
    public var state: StageState
    /// In the order `why` says them.
    public var facts: [Fact]

    /// Who holds a role, in team order: empty when nobody does (the team file must give it to someone).
    public struct RoleHolders: Sendable, Equatable {
        public var role: String
        public var people: [Participant]
        public init(role: String, people: [Participant]) {
            self.role = role
            self.people = people
        }
    }

    public enum Fact: Sendable, Equatable {
        /// Done again after a reopening: judged, like `metrics` judges it, on its first completion.
        case doneAgain(due: Day, firstDone: Day, late: Int, doneAgain: Day)
        case done(due: Day, on: Day, late: Int)
        /// Reopened and late; rework is due again the day it reopened, never before the due day.
        case reopenedLate(due: Day, reopened: Day, late: Int, countedFrom: Day)
        case reopenedBeforeDue(due: Day, reopened: Day)
        case reopenedDueAgainNow(due: Day, reopened: Day)
        case late(due: Day, workdays: Int)
        case due(Day)
        /// A relative due day whose anchor stage is not done yet.
        case fallsDueAfter(anchor: String, workdays: Int, anchorState: StageState)
        case cycleClosed(cycle: String)
        case waived(by: String, at: Date, reason: String)
        /// Done: the sign-offs that count, as (role, by).
        case signedOff([CurrentSignoff])
        case waitsFor(upstream: String, state: StageState, owner: RoleHolders)
        /// Once workable, upstream stages that are no longer done.
        case upstreamNotDone([String])
        case reopened(because: ReopenCause)
        case inputRejected(input: String, by: String, at: Date, reason: String)
        case inputMissing(String)
        /// Who may submit the missing inputs: owner, then contributors (the leader always may).
        case submitters([RoleHolders])
        case staleSignoff(role: String, by: String, reason: StaleReason)
        case decisionsNeeded(unmet: [UnmetRequirement], deciders: [RoleHolders])
        case signoffNeeded(RoleHolders)
        case signoffNeededOnceInputsIn(roles: [String])
    }
}

extension CycleState {
    /// `why STAGE`: the facts of where the stage stands, what blocks it, and who must act next.
    public func explain(_ stageID: String, team: Team, today: Day, register: FollowUpRegister? = nil) throws(Refusal) -> StageExplanation {
        let stage = try Rules(cycle: self, team: team).stage(stageID)
        let s = status(of: stage, today: today, register: register)
        let timing = timing(of: stage, today: today)
        let record = record(stage.id)
        func who(_ role: String) -> StageExplanation.RoleHolders { .init(role: role, people: team.holders(of: role)) }
        var facts: [StageExplanation.Fact] = []
        if let due = timing.due {
            if let done = timing.completedOn, let first = timing.deliveredOn, first != done {
                facts.append(.doneAgain(due: due, firstDone: first, late: s.completedLate, doneAgain: done))
            } else if let done = timing.completedOn {
                facts.append(.done(due: due, on: done, late: s.completedLate))
            } else if let reopened = timing.reopenedOn {
                if s.overdueDays > 0 {
                    facts.append(.reopenedLate(due: due, reopened: reopened, late: s.overdueDays, countedFrom: max(due, reopened)))
                } else if s.workdaysLeft != nil {
                    facts.append(.reopenedBeforeDue(due: due, reopened: reopened))
                } else {
                    facts.append(.reopenedDueAgainNow(due: due, reopened: reopened))
                }
            } else {
                facts.append(s.overdueDays > 0 ? .late(due: due, workdays: s.overdueDays) : .due(due))
            }
        } else if case .after(let anchor, let n)? = stage.due {
            facts.append(.fallsDueAfter(anchor: anchor, workdays: n, anchorState: state(of: anchor)))
        }
        if isClosed { facts.append(.cycleClosed(cycle: id)) }
        let explanation = { StageExplanation(stage: stage.id, title: stage.title, state: s.state, facts: facts) }
        switch s.state {
        case .waived:
            if let w = record.waiver { facts.append(.waived(by: w.by, at: w.at, reason: w.reason)) }
            return explanation()
        case .done:
            facts.append(.signedOff(s.signoffs))
            return explanation()
        case .waiting:
            for up in s.blockedBy {
                facts.append(.waitsFor(upstream: up, state: state(of: up), owner: who(workflow.stage(up)?.owner ?? "?")))
            }
            return explanation()
        case .open, .review:
            break
        }
        if !s.blockedBy.isEmpty { facts.append(.upstreamNotDone(s.blockedBy)) }
        if let because = record.reopenedBecause, record.completions > 0 { facts.append(.reopened(because: because)) }
        for input in s.missingInputs {
            if let rejection = record.inputs[input]?.rejection {
                facts.append(.inputRejected(input: input, by: rejection.by, at: rejection.at, reason: rejection.reason))
            } else {
                facts.append(.inputMissing(input))
            }
        }
        if !s.missingInputs.isEmpty { facts.append(.submitters(([stage.owner] + stage.contributors).map(who))) }
        for stale in s.staleSignoffs { facts.append(.staleSignoff(role: stale.role, by: stale.by, reason: stale.reason)) }
        if !s.unmetRequirements.isEmpty {
            facts.append(.decisionsNeeded(unmet: s.unmetRequirements, deciders: workflow.decisionRoles.map(who)))
        }
        if s.missingInputs.isEmpty {
            for role in s.missingSignoffs { facts.append(.signoffNeeded(who(role))) }
        } else if !s.missingSignoffs.isEmpty {
            facts.append(.signoffNeededOnceInputsIn(roles: s.missingSignoffs))
        }
        return explanation()
    }
}
