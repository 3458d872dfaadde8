import SOPCore

/// `--json status`: SOPCore's typed report with its reasons in words. The keys are a public interface
/// (README, "Invocation"): `staleSignoffs[].because` and `unmetRequirements` stay sentences.
public struct StatusReportJSON: Encodable, Sendable {
    var cycle: String
    var workflow: String
    var state: String
    var stages: [StageStatusJSON]
    var openProposals: Int
    var openActions: Int
    var overdueActions: Int

    public init(_ r: StatusReport) {
        cycle = r.cycle
        workflow = r.workflow
        state = r.state
        stages = r.stages.map(StageStatusJSON.init)
        openProposals = r.openProposals
        openActions = r.openActions
        overdueActions = r.overdueActions
    }
}

/// One stage of `--json status` (and the body of `--json status STAGE`).
public struct StageStatusJSON: Encodable, Sendable {
    struct Stale: Encodable, Sendable {
        var role: String
        var by: String
        var because: String
    }

    var id: String
    var title: String
    var state: StageState
    var owner: String
    var due: String?
    var dueRule: String?
    var overdueDays: Int
    var workdaysLeft: Int?
    var completedOn: String?
    var completedLate: Int
    var deliveredOn: String?
    var reopenedOn: String?
    var blockedBy: [String]
    var missingInputs: [String]
    var rejectedInputs: [String]
    var missingSignoffs: [String]
    var staleSignoffs: [Stale]
    var signoffs: [CurrentSignoff]
    var unmetRequirements: [String]

    public init(_ s: StageStatus) {
        id = s.id
        title = s.title
        state = s.state
        owner = s.owner
        due = s.due
        dueRule = s.dueRule
        overdueDays = s.overdueDays
        workdaysLeft = s.workdaysLeft
        completedOn = s.completedOn
        completedLate = s.completedLate
        deliveredOn = s.deliveredOn
        reopenedOn = s.reopenedOn
        blockedBy = s.blockedBy
        missingInputs = s.missingInputs
        rejectedInputs = s.rejectedInputs
        missingSignoffs = s.missingSignoffs
        staleSignoffs = s.staleSignoffs.map { Stale(role: $0.role, by: $0.by, because: ReasonText.stale($0.reason)) }
        signoffs = s.signoffs
        unmetRequirements = s.unmetRequirements.map(ReasonText.requirement)
    }
}
