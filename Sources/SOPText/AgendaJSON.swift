import Foundation
import SOPCore

/// `agenda --format json` (and `--json agenda`): SOPCore's agenda with its reopening causes and stale
/// reasons in words, under the keys the agenda always had (`because`).
public struct AgendaJSON: Encodable, Sendable {
    struct Changes: Encodable, Sendable {
        var resubmissions: [Agenda.Resubmission]
        var reopenedStages: [Reopening]
        var newProposals: [Agenda.ProposalItem]
    }

    struct Reopening: Encodable, Sendable {
        var stage: String
        var stageTitle: String
        var at: Date
        var because: String
        var stateNow: StageState
    }

    struct Risks: Encodable, Sendable {
        var rejections: [Agenda.RejectionItem]
        var staleSignoffs: [StaleSignoff]
        var waivedStages: [Agenda.WaivedStage]
        var overdueActions: [Agenda.ActionItem]
    }

    struct StaleSignoff: Encodable, Sendable {
        var stage: String
        var stageTitle: String
        var role: String
        var by: String
        var because: String
    }

    var cycle: String
    var workflow: String
    var workflowTitle: String
    var cycleState: String
    var preparedOn: Day
    var meeting: Agenda.Meeting?
    var previousMeeting: Agenda.PreviousMeetingInfo?
    var changes: Changes
    var stagePerformance: [Agenda.StagePerformance]
    var reviews: [Agenda.StageReview]
    var risks: Risks
    var decisionsNeeded: [Agenda.ProposalItem]
    var decisionsRecorded: [Agenda.DecisionItem]
    var criticalConstraints: Agenda.CriticalConstraints
    var followUpActions: Agenda.FollowUpActions
    var noteLines: Int

    public init(_ a: Agenda) {
        cycle = a.cycle
        workflow = a.workflow
        workflowTitle = a.workflowTitle
        cycleState = a.cycleState
        preparedOn = a.preparedOn
        meeting = a.meeting
        previousMeeting = a.previousMeeting
        changes = Changes(
            resubmissions: a.changes.resubmissions,
            reopenedStages: a.changes.reopenedStages.map {
                Reopening(stage: $0.stage, stageTitle: $0.stageTitle, at: $0.at, because: AgendaText.because($0), stateNow: $0.stateNow)
            },
            newProposals: a.changes.newProposals)
        stagePerformance = a.stagePerformance
        reviews = a.reviews
        risks = Risks(
            rejections: a.risks.rejections,
            staleSignoffs: a.risks.staleSignoffs.map {
                StaleSignoff(stage: $0.stage, stageTitle: $0.stageTitle, role: $0.role, by: $0.by, because: ReasonText.stale($0.reason))
            },
            waivedStages: a.risks.waivedStages, overdueActions: a.risks.overdueActions)
        decisionsNeeded = a.decisionsNeeded
        decisionsRecorded = a.decisionsRecorded
        criticalConstraints = a.criticalConstraints
        followUpActions = a.followUpActions
        noteLines = a.noteLines
    }
}
