import Foundation

/// The previous cycle, and when its executive meeting stage was done (nil when it never was).
public struct PreviousMeeting: Sendable, Equatable {
    public var cycle: String
    public var heldAt: Date?
    public init(cycle: String, heldAt: Date?) {
        self.cycle = cycle
        self.heldAt = heldAt
    }
}

/// The executive S&OP agenda of one cycle, drawn only from its records (`agenda`; built by
/// `Agenda.build`). It is also the `agenda --format json` output: every date is `YYYY-MM-DD`, every
/// timestamp `YYYY-MM-DD HH:MMZ` (UTC), and the sections come in the order the meeting takes them.
public struct Agenda: Sendable, Equatable, Codable {
    // MARK: header
    public var cycle: String
    /// The workflow's id and title.
    public var workflow: String
    public var workflowTitle: String
    /// `open` or `closed`.
    public var cycleState: String
    /// The day the agenda was prepared.
    public var preparedOn: Day
    /// The executive meeting stage (the first with `requires: [decisions]`); nil when the workflow has none.
    public var meeting: Meeting?
    /// The previous cycle and when its meeting was held; nil when this is the first cycle.
    public var previousMeeting: PreviousMeetingInfo?

    // MARK: sections, in meeting order
    /// 1. What changed since last month.
    public var changes: Changes
    /// 2. Each stage against its due date, in workflow order.
    public var stagePerformance: [StagePerformance]
    /// 3. Notes and sign-off comments of the stages before the meeting, in workflow order.
    public var reviews: [StageReview]
    /// 4. Rejections, stale sign-offs, waived stages, overdue actions.
    public var risks: Risks
    /// 5. Open proposals the meeting must decide (or defer).
    public var decisionsNeeded: [ProposalItem]
    /// 6. Decisions recorded in this cycle, with the ones they superseded.
    public var decisionsRecorded: [DecisionItem]
    /// 7. What the workflow's `agenda: { constraints: [...] }` stages recorded.
    public var criticalConstraints: CriticalConstraints
    /// 8. Follow-up actions: open, overdue, due by the next meeting.
    public var followUpActions: FollowUpActions
    /// How many lines of a note the text and Markdown agendas print (the workflow's `limits: { agenda-lines: N }`);
    /// the JSON keeps every note whole.
    public var noteLines: Int = SubmissionLimits.defaultAgendaLines
    /// The plan figures sections 1, 3, 4, 5, 6, 8 and 9 answer from (`AgendaQueries` reads them from
    /// the plan record); without them those sections say in one line why there are none. Not part of
    /// this value's own JSON: `AgendaJSON` writes the figures under their own keys.
    public var plan: AgendaPlanState = .noPlanInputs

    enum CodingKeys: String, CodingKey {
        case cycle, workflow, workflowTitle, cycleState, preparedOn, meeting, previousMeeting, changes, stagePerformance, reviews
        case risks, decisionsNeeded, decisionsRecorded, criticalConstraints, followUpActions, noteLines
    }

    public init(
        cycle: String, workflow: String, workflowTitle: String, cycleState: String, preparedOn: Day,
        meeting: Meeting?, previousMeeting: PreviousMeetingInfo?, changes: Changes,
        stagePerformance: [StagePerformance], reviews: [StageReview], risks: Risks,
        decisionsNeeded: [ProposalItem], decisionsRecorded: [DecisionItem],
        criticalConstraints: CriticalConstraints, followUpActions: FollowUpActions
    ) {
        self.cycle = cycle
        self.workflow = workflow
        self.workflowTitle = workflowTitle
        self.cycleState = cycleState
        self.preparedOn = preparedOn
        self.meeting = meeting
        self.previousMeeting = previousMeeting
        self.changes = changes
        self.stagePerformance = stagePerformance
        self.reviews = reviews
        self.risks = risks
        self.decisionsNeeded = decisionsNeeded
        self.decisionsRecorded = decisionsRecorded
        self.criticalConstraints = criticalConstraints
        self.followUpActions = followUpActions
    }
}

extension Agenda {
    /// The executive meeting stage of this cycle.
    public struct Meeting: Sendable, Equatable, Codable {
        public var stage: String
        public var title: String
        public var due: Day?
        public var state: StageState
        /// Workdays past due while the meeting stage is not done.
        public var overdueDays: Int
    }

    public struct PreviousMeetingInfo: Sendable, Equatable, Codable {
        public var cycle: String
        /// When the previous cycle's meeting stage was done; nil when it never was.
        public var heldAt: Date?
    }

    // MARK: 1. changes

    public struct Changes: Sendable, Equatable, Codable {
        /// Inputs submitted again this cycle (version 2 and up), in the order they came.
        public var resubmissions: [Resubmission]
        /// Stages that were done (or waived) and went back, in the order it happened.
        public var reopenedStages: [Reopening]
        /// Proposals raised since the previous meeting (all of this cycle's when there is none).
        public var newProposals: [ProposalItem]
        /// Decisions recorded since the previous meeting was held, in this cycle or the previous one
        /// (a supersession is a decision too); this cycle's when no meeting was held.
        public var decisions: [DecisionItem] = []

        public var isEmpty: Bool { resubmissions.isEmpty && reopenedStages.isEmpty && newProposals.isEmpty && decisions.isEmpty }
    }

    public struct Resubmission: Sendable, Equatable, Codable {
        public var stage: String
        public var stageTitle: String
        public var input: String
        public var version: Int
        public var by: String
        public var at: Date
        /// What was handed in: the note text, file name or link.
        public var content: Content
    }

    public struct Reopening: Sendable, Equatable, Codable {
        public var stage: String
        public var stageTitle: String
        public var at: Date
        /// The change that took it out of done, when the log says (SOPText words it).
        public var cause: ReopenCause?
        /// The state it went back to.
        public var wentBackTo: StageState
        /// Where the stage stands now.
        public var stateNow: StageState
    }

    // MARK: 2. stage performance

    public enum Timeliness: String, Sendable, Equatable, Codable {
        /// Completed on or before its due date.
        case onTime = "on-time"
        /// Completed after its due date (`workdays` late).
        case late
        /// Not complete and past its due date (`workdays` overdue).
        case overdue
        /// Not complete, not yet due.
        case notYetDue = "not-yet-due"
        /// The leader waived it.
        case waived
        /// The stage has no due day; done or not, there is nothing to measure against.
        case noDueDate = "no-due-date"
    }

    public struct StagePerformance: Sendable, Equatable, Codable {
        public var stage: String
        public var title: String
        public var state: StageState
        public var due: Day?
        /// The day it was last completed (done or waived), UTC.
        public var completedOn: Day?
        public var timeliness: Timeliness
        /// Workdays late (completed) or overdue (still open); 0 otherwise.
        public var workdays: Int
    }

    // MARK: 3. review outcomes (and 7. constraints)

    /// What one stage recorded: the current submission of each input and its current sign-offs.
    public struct StageReview: Sendable, Equatable, Codable {
        public var stage: String
        public var title: String
        public var state: StageState
        public var inputs: [InputRecord]
        public var signoffs: [SignoffNote]
        public var waiver: WaiverNote?

        /// Nothing submitted, signed or waived.
        public var isEmpty: Bool { inputs.allSatisfy { $0.content.kind == .missing } && signoffs.isEmpty && waiver == nil }
    }

    public struct InputRecord: Sendable, Equatable, Codable {
        public var input: String
        public var title: String
        public var content: Content
        /// 0 when nothing was submitted.
        public var version: Int
        public var by: String?
        public var at: Date?
        /// Set when the latest submission was rejected and waits for a resubmission.
        public var rejected: Bool
    }

    /// What was handed in for an input: the note text in full, the file name, or the link.
    public struct Content: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Equatable, Codable { case note, file, link, missing }
        public var kind: Kind
        /// Note text, file name or URL; empty when missing.
        public var value: String

        public init(kind: Kind, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public struct SignoffNote: Sendable, Equatable, Codable {
        public var role: String
        public var by: String
        public var at: Date
        public var comment: String?
    }

    public struct WaiverNote: Sendable, Equatable, Codable {
        public var by: String
        public var at: Date
        public var reason: String
    }

    // MARK: 4. risks

    public struct Risks: Sendable, Equatable, Codable {
        public var rejections: [RejectionItem]
        public var staleSignoffs: [StaleSignoffItem]
        public var waivedStages: [WaivedStage]
        public var overdueActions: [ActionItem]

        public var isEmpty: Bool { rejections.isEmpty && staleSignoffs.isEmpty && waivedStages.isEmpty && overdueActions.isEmpty }
    }

    public struct RejectionItem: Sendable, Equatable, Codable {
        public var stage: String
        public var stageTitle: String
        public var inputs: [String]
        public var by: String
        public var at: Date
        public var reason: String
        /// Every rejected input was submitted again after the rejection.
        public var resubmitted: Bool
        /// Rejected inputs not yet submitted again.
        public var awaitingInputs: [String]
    }

    public struct StaleSignoffItem: Sendable, Equatable, Codable {
        public var stage: String
        public var stageTitle: String
        public var role: String
        public var by: String
        public var reason: StaleReason
    }

    public struct WaivedStage: Sendable, Equatable, Codable {
        public var stage: String
        public var title: String
        public var by: String
        public var at: Date
        public var reason: String
    }

    // MARK: 5./6. proposals and decisions

    public struct ProposalItem: Sendable, Equatable, Codable {
        /// `P-3`.
        public var id: String
        public var text: String
        public var stage: String?
        public var stageTitle: String?
        public var options: [String]
        public var raisedBy: String
        public var raisedAt: Date
        /// The cycle it was raised in.
        public var raisedIn: String
        /// As this cycle sees it: open, decided or deferred.
        public var state: ProposalState
        /// The cycle it was deferred from, when it came to this one by deferral.
        public var deferredFrom: String?
        public var deferralReason: String?
        /// The decision that answered it (`D-2`).
        public var decision: String?
    }

    public struct DecisionItem: Sendable, Equatable, Codable {
        /// `D-2`.
        public var id: String
        public var text: String
        public var rationale: String
        public var option: String?
        /// The proposal it answered (`P-1`) and that proposal's text.
        public var proposal: String?
        public var proposalText: String?
        public var by: String
        public var at: Date
        /// The cycle it was recorded in (an earlier one for a decision this cycle superseded).
        public var cycle: String
        public var supersedes: String?
        public var supersededBy: String?
        public var inForce: Bool
    }

    // MARK: 7. constraints

    public struct CriticalConstraints: Sendable, Equatable, Codable {
        /// The workflow's `agenda: { constraints: [...] }`; empty when it names none.
        public var sourceStages: [String]
        public var stages: [StageReview]
    }

    // MARK: 8. actions

    public struct FollowUpActions: Sendable, Equatable, Codable {
        /// The meeting stage's due date in next month's cycle; nil without a meeting stage or its `due`.
        public var nextMeeting: Day?
        /// Every open action this cycle sees, carried-over ones included.
        public var open: [ActionItem]
        /// Open and past due.
        public var overdue: [ActionItem]
        /// Open, not overdue, and due on or before the next meeting.
        public var dueBeforeNextMeeting: [ActionItem]
    }

    public struct ActionItem: Sendable, Equatable, Codable {
        /// `A-4`.
        public var id: String
        public var title: String
        public var owner: String
        public var due: Day
        public var state: ActionState
        /// The cycle it was added in.
        public var raisedIn: String
        /// Set when it was added in an earlier cycle and is still open.
        public var carriedOverFrom: String?
        public var decision: String?
        public var stage: String?
        /// Workdays past due; 0 unless overdue.
        public var overdueDays: Int
    }
}
