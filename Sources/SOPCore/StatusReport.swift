import Foundation

/// Readiness of a cycle on a given day: what `status` shows and `--json status` prints (keys listed in the README, "Invocation": scripts rely on them).
public struct StatusReport: Sendable, Equatable, Codable {
    public var cycle: String
    public var workflow: String
    /// `open` or `closed`.
    public var state: String
    public var stages: [StageStatus]
    /// Proposals this cycle must still decide or defer.
    public var openProposals: Int
    /// Follow-up actions still open in this cycle, carried-over ones included.
    public var openActions: Int
    public var overdueActions: Int
}

/// One stage's line of the status report.
public struct StageStatus: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var state: StageState
    public var owner: String
    /// `YYYY-MM-DD`, or nil when the stage has no `due` (or its anchor stage is not done yet).
    public var due: String?
    /// The workflow's `due:` rule in a few words (`workday 9`, `+2 after demand-review`).
    public var dueRule: String?
    /// Workdays past due while the stage is not done or waived.
    public var overdueDays: Int
    /// Workdays until the due day while the stage is open and not late.
    public var workdaysLeft: Int?
    /// `YYYY-MM-DD` the stage was done or waived, while it is.
    public var completedOn: String?
    /// Workdays past due it was completed (0 when on time or not complete). After a reopening, how
    /// late its first completion (its delivery) was: the figure `metrics` counts.
    public var completedLate: Int
    /// `YYYY-MM-DD` the stage was first done or waived in the cycle, if it ever was.
    public var deliveredOn: String?
    /// `YYYY-MM-DD` a stage done before last reopened, while it is not complete again. Its
    /// `overdueDays` count from then (or from its due day, when that is later).
    public var reopenedOn: String?
    public var blockedBy: [String]
    public var missingInputs: [String]
    /// Inputs that were rejected and wait for a resubmission (also listed in `missingInputs`).
    public var rejectedInputs: [String]
    public var missingSignoffs: [String]
    public var staleSignoffs: [StaleSignoff]
    public var signoffs: [CurrentSignoff]
    /// What the stage's `requires:` still lacks (SOPText words it `decisions: P-2 is open`).
    public var unmetRequirements: [UnmetRequirement]
}

/// A sign-off that no longer counts, and the change that made it so.
public struct StaleSignoff: Sendable, Equatable, Codable {
    public var role: String
    public var by: String
    public var reason: StaleReason
}

/// A sign-off that counts.
public struct CurrentSignoff: Sendable, Equatable, Codable {
    public var role: String
    public var by: String
    public var at: Date
    public var comment: String?
}

extension CycleState {
    /// A stage's line. Without `register` the stage's `requires:` are not evaluated.
    public func status(of stage: Stage, today: Day, register: FollowUpRegister? = nil) -> StageStatus {
        let record = record(stage.id)
        let timing = timing(of: stage, today: today)
        let signoffs = signoffStanding(of: stage)
        let currentRoles = Set(signoffs.current.map(\.role))
        return StageStatus(
            id: stage.id, title: stage.title, state: record.state, owner: stage.owner,
            due: timing.due?.description, dueRule: timing.rule?.written,
            overdueDays: timing.isOverdue ? timing.workdaysLate : 0, workdaysLeft: timing.workdaysLeft,
            completedOn: timing.completedOn?.description, completedLate: timing.completedOn == nil ? 0 : timing.workdaysLate,
            deliveredOn: timing.deliveredOn?.description, reopenedOn: timing.reopenedOn?.description,
            blockedBy: stage.after.filter { !state(of: $0).isComplete },
            missingInputs: record.state == .waived ? [] : stage.inputs.filter { record.inputs[$0.id]?.isCurrent != true }.map(\.id),
            rejectedInputs: stage.inputs.filter { record.inputs[$0.id]?.rejection != nil }.map(\.id),
            missingSignoffs: record.state == .waived ? [] : stage.signoffs.filter { !currentRoles.contains($0) },
            staleSignoffs: signoffs.stale,
            signoffs: signoffs.current,
            unmetRequirements: record.state.isComplete ? [] : register.map { unmet(stage, $0) } ?? [])
    }

    /// The stage's `requires:` that the follow-up register does not yet satisfy.
    public func unmet(_ stage: Stage, _ register: FollowUpRegister) -> [UnmetRequirement] {
        stage.requires.flatMap { requirement -> [UnmetRequirement] in
            switch requirement {
            case .decisions:
                var missing = register.openProposals(of: id).map { UnmetRequirement.proposalOpen($0.label) }
                if register.decisions(of: id).isEmpty { missing.append(.noDecisionRecorded) }
                return missing
            }
        }
    }

    public func report(today: Day, register: FollowUpRegister = FollowUpRegister()) -> StatusReport {
        let actions = register.openActions(of: id)
        return StatusReport(
            cycle: id, workflow: workflow.id, state: stateWord,
            stages: workflow.stages.map { status(of: $0, today: today, register: register) },
            openProposals: register.openProposals(of: id).count, openActions: actions.count,
            overdueActions: actions.filter { $0.isOverdue(on: today) }.count)
    }
}
