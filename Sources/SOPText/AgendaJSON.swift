import Foundation
import SOPCore

/// `agenda --format json` (and `--json agenda`): SOPCore's agenda with its reopening causes and stale
/// reasons in words, under the keys the agenda always had (`because`).
public struct AgendaJSON: Encodable, Sendable {
    struct Changes: Encodable, Sendable {
        var resubmissions: [Agenda.Resubmission]
        var reopenedStages: [Reopening]
        var newProposals: [Agenda.ProposalItem]
        var decisions: [Agenda.DecisionItem]
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
    /// `figures`, `no-plan-inputs` (the workflow declares none) or `no-demand-plan` (not submitted yet).
    var planFigures: String
    /// The balance, as `balance --json` writes it; null without figures.
    @Nullable var plan: BalanceJSON?
    /// `plan diff --json` against the previous cycle; null without figures or an earlier plan.
    @Nullable var planChanges: PlanDiffJSON?
    /// `accuracy --json` (lag 1, twelve months), with last month's pairs.
    @Nullable var accuracy: AgendaAccuracyJSON?
    /// Revenue against budget per family over the horizon, and over its last months.
    @Nullable var finance: AgendaFinanceJSON?
    /// The balance's exceptions grouped per kind and family or resource; null without figures.
    @Nullable var exceptionGroups: [AgendaExceptionGroupJSON]?
    /// The scenario comparison of each open proposal whose options are scenarios.
    var scenarios: [AgendaScenariosJSON]

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
            newProposals: a.changes.newProposals, decisions: a.changes.decisions)
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
        switch a.plan {
        case .noPlanInputs: planFigures = "no-plan-inputs"
        case .noDemandPlan: planFigures = "no-demand-plan"
        case .figures: planFigures = "figures"
        }
        let figures = a.plan.figures
        plan = figures.map { BalanceJSON($0.balance) }
        planChanges = figures?.diff.map(PlanDiffJSON.init)
        accuracy = figures.map(AgendaAccuracyJSON.init)
        finance = figures.map(AgendaFinanceJSON.init)
        exceptionGroups = figures.map { $0.exceptions.map(AgendaExceptionGroupJSON.init) }
        scenarios = (figures?.comparisons ?? []).map(AgendaScenariosJSON.init)
    }
}

/// The agenda's accuracy: the lag-1 figures as `accuracy --json` has them, and last month's pairs.
struct AgendaAccuracyJSON: Encodable, Sendable {
    struct LastMonth: Encodable, Sendable {
        var family: String
        @Nullable var forecast: Decimal?
        @Nullable var actual: Decimal?
        /// F − A.
        @Nullable var error: Decimal?
        @Nullable var forecastCycle: String?
    }

    var figures: AccuracyJSON
    var lastMonth: String
    var families: [LastMonth]

    init(_ plan: AgendaPlan) {
        figures = AccuracyJSON(plan.accuracy)
        lastMonth = plan.lastMonth.month.description
        families = plan.lastMonth.families.map {
            LastMonth(family: $0.family, forecast: $0.point?.forecast, actual: $0.point?.actual, error: $0.error,
                      forecastCycle: $0.point?.forecastCycle.description)
        }
    }
}

struct AgendaFinanceFiguresJSON: Encodable, Sendable {
    var months: Int
    var revenue: Decimal
    var budget: Decimal
    @Nullable var deviation: Double?

    init(_ f: FinanceFigures) {
        months = f.months
        revenue = f.revenue
        budget = f.budget
        deviation = f.deviation
    }
}

/// Revenue against budget: per family over the horizon (months with both), and the horizon's last months.
struct AgendaFinanceJSON: Encodable, Sendable {
    struct Family: Encodable, Sendable {
        var family: String
        var figures: AgendaFinanceFiguresJSON
    }

    struct LongTermFamily: Encodable, Sendable {
        var family: String
        var demand: Decimal
        @Nullable var supply: Decimal?
        var endingInventory: Decimal
        var figures: AgendaFinanceFiguresJSON
    }

    struct LongTerm: Encodable, Sendable {
        var months: [String]
        var families: [LongTermFamily]
        var total: AgendaFinanceFiguresJSON
    }

    var horizon: [String]
    var families: [Family]
    var total: AgendaFinanceFiguresJSON
    var longTerm: LongTerm

    init(_ plan: AgendaPlan) {
        horizon = plan.balance.horizon.map(\.description)
        families = plan.finance.families.map { Family(family: $0.family, figures: AgendaFinanceFiguresJSON($0.figures)) }
        total = AgendaFinanceFiguresJSON(plan.finance.total)
        longTerm = LongTerm(
            months: plan.longTerm.months.map(\.description),
            families: plan.longTerm.families.map {
                LongTermFamily(family: $0.family, demand: $0.demand, supply: $0.supply, endingInventory: $0.endingInventory,
                               figures: AgendaFinanceFiguresJSON($0.finance))
            },
            total: AgendaFinanceFiguresJSON(plan.longTerm.total))
    }
}

struct AgendaExceptionGroupJSON: Encodable, Sendable {
    var kind: String
    @Nullable var family: String?
    @Nullable var resource: String?
    var months: [String]
    var worst: FigureJSON
    @Nullable var worstMonth: String?
    @Nullable var limit: FigureJSON?
    var text: String

    init(_ g: ExceptionGroup) {
        kind = g.kind.rawValue
        family = g.family
        resource = g.resource
        months = g.months.map(\.description)
        worst = FigureJSON(g.worst)
        worstMonth = g.worstMonth?.description
        limit = g.limit.map(FigureJSON.init)
        text = PlanExceptionText.sentence(g)
    }
}

/// An open proposal's options compared, as `scenario compare --json` writes them.
struct AgendaScenariosJSON: Encodable, Sendable {
    var proposal: String
    var comparison: ScenarioCompareJSON

    init(_ p: ProposalComparison) {
        proposal = p.proposal
        let c = p.comparison
        comparison = ScenarioCompareJSON(baseline: c.baseline, scenarios: c.scenarios.map {
            ScenarioCompareJSON.Scenario(
                name: $0.scenario.name, stage: $0.scenario.stage, input: $0.scenario.input,
                promotedBy: $0.promotedBy.map(FollowUpKind.decision.label), kpis: $0.kpis)
        })
    }
}
