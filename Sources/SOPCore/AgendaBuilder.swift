import Foundation

extension Agenda {
    /// The agenda of `cycle` as of `today`, from its folded state, its full event log (for history the
    /// state does not keep: every resubmission, rejection and reopening) and the follow-up items it sees.
    /// `earlierDecisions` are the previous cycle's decisions, which this cycle's register does not hold:
    /// one recorded there after its meeting (superseding the meeting's own, say) is a change since it.
    /// The plan figures start as "none" (`noDemandPlan` when the workflow declares plan inputs);
    /// `AgendaQueries` puts in those the record holds.
    public static func build(
        cycle: CycleState, events: [CycleEvent], register: FollowUpRegister, previous: PreviousMeeting?, today: Day,
        earlierDecisions: [Decision] = []
    ) -> Agenda {
        AgendaBuilder(cycle: cycle, events: events, register: register, previous: previous, today: today, earlierDecisions: earlierDecisions).agenda
    }
}

/// Gathers each section; pure, deterministic (items in workflow, event or number order).
struct AgendaBuilder {
    let cycle: CycleState
    let events: [CycleEvent]
    let register: FollowUpRegister
    let previous: PreviousMeeting?
    let today: Day
    var earlierDecisions: [Decision] = []

    var workflow: Workflow { cycle.workflow }
    var id: String { cycle.id }

    var agenda: Agenda {
        let meetingStage = workflow.meetingStage
        var agenda = Agenda(
            cycle: id, workflow: workflow.id, workflowTitle: workflow.title, cycleState: cycle.stateWord,
            preparedOn: today,
            meeting: meetingStage.map { stage in
                let status = cycle.status(of: stage, today: today)
                return Agenda.Meeting(
                    stage: stage.id, title: stage.title, due: cycle.dueDate(of: stage), state: status.state,
                    overdueDays: status.overdueDays)
            },
            previousMeeting: previous.map { Agenda.PreviousMeetingInfo(cycle: $0.cycle, heldAt: $0.heldAt) },
            changes: Agenda.Changes(
                resubmissions: resubmissions, reopenedStages: reopenings, newProposals: newProposals, decisions: decisionsSince),
            stagePerformance: workflow.stages.map(performance),
            reviews: reviewedStages.map(review),
            risks: Agenda.Risks(
                rejections: rejections, staleSignoffs: staleSignoffs, waivedStages: waivedStages,
                overdueActions: openActions.filter { $0.isOverdue(on: today) }.map(item)),
            decisionsNeeded: register.openProposals(of: id).map(item),
            decisionsRecorded: decisions,
            criticalConstraints: Agenda.CriticalConstraints(
                sourceStages: workflow.agenda.constraints,
                stages: workflow.agenda.constraints.compactMap(workflow.stage).map(review)),
            followUpActions: followUpActions)
        agenda.noteLines = workflow.limits.agendaLines
        agenda.plan = workflow.declaresPlanInputs ? .noDemandPlan : .noPlanInputs
        return agenda
    }

    // MARK: 1. changes

    var resubmissions: [Agenda.Resubmission] {
        events.compactMap { event in
            guard case .inputSubmitted(let e) = event.payload, e.version > 1 else { return nil }
            return Agenda.Resubmission(
                stage: e.stage, stageTitle: title(e.stage), input: e.input, version: e.version, by: event.actor,
                at: event.time, content: Self.content(e.content))
        }
    }

    /// Replays the log to find each moment a complete stage stopped being complete.
    var reopenings: [Agenda.Reopening] {
        guard let first = events.first, var replay = CycleState.fold([first], workflow: workflow) else { return [] }
        var found: [Agenda.Reopening] = []
        for event in events.dropFirst() {
            let before = Dictionary(uniqueKeysWithValues: workflow.stages.map { ($0.id, replay.state(of: $0.id).isComplete) })
            replay.apply(event)
            for stage in workflow.stages where before[stage.id] == true && !replay.state(of: stage.id).isComplete {
                found.append(Agenda.Reopening(
                    stage: stage.id, stageTitle: stage.title, at: event.time,
                    cause: replay.record(stage.id).reopenedBecause, wentBackTo: replay.state(of: stage.id),
                    stateNow: cycle.state(of: stage.id)))
            }
        }
        return found
    }

    /// Raised after the previous meeting was held; without one, raised in this cycle.
    var newProposals: [Agenda.ProposalItem] {
        let visible = register.proposals(of: id)
        if let heldAt = previous?.heldAt { return visible.filter { $0.at > heldAt }.map(item) }
        return visible.filter { $0.cycle == id }.map(item)
    }

    // MARK: 2. performance

    /// The stage's line in the performance table, from the one rule of lateness (`timing(of:today:)`).
    func performance(_ stage: Stage) -> Agenda.StagePerformance {
        let record = cycle.record(stage.id)
        let t = cycle.timing(of: stage, today: today)
        let timeliness: Agenda.Timeliness
        var workdays = 0
        if record.state == .waived {
            timeliness = .waived
        } else if t.lateAfter == nil {
            timeliness = .noDueDate
        } else if t.completedOn != nil {
            workdays = t.workdaysLate
            timeliness = workdays > 0 ? .late : .onTime
        } else {
            workdays = t.workdaysLate
            timeliness = workdays > 0 ? .overdue : .notYetDue
        }
        return Agenda.StagePerformance(
            stage: stage.id, title: stage.title, state: record.state, due: t.due, completedOn: t.completedOn,
            timeliness: timeliness, workdays: workdays)
    }

    // MARK: 3. reviews

    /// Every stage before the meeting: all but the meeting stage and those downstream of it; all
    /// stages when the workflow has no meeting stage.
    var reviewedStages: [Stage] {
        guard let meeting = workflow.meetingStage else { return workflow.stages }
        let after = Set(cycle.downstream(of: meeting.id).map(\.id)).union([meeting.id])
        return workflow.stages.filter { !after.contains($0.id) }
    }

    func review(_ stage: Stage) -> Agenda.StageReview {
        let record = cycle.record(stage.id)
        let status = cycle.status(of: stage, today: today)
        return Agenda.StageReview(
            stage: stage.id, title: stage.title, state: record.state,
            inputs: stage.inputs.map { spec in
                guard let submission = record.inputs[spec.id] else {
                    return Agenda.InputRecord(
                        input: spec.id, title: spec.title, content: Agenda.Content(kind: .missing, value: ""), version: 0,
                        by: nil, at: nil, rejected: false)
                }
                return Agenda.InputRecord(
                    input: spec.id, title: spec.title, content: Self.content(submission.content), version: submission.version,
                    by: submission.by, at: submission.at, rejected: submission.rejection != nil)
            },
            signoffs: status.signoffs.map { Agenda.SignoffNote(role: $0.role, by: $0.by, at: $0.at, comment: $0.comment) },
            waiver: record.waiver.map { Agenda.WaiverNote(by: $0.by, at: $0.at, reason: $0.reason) })
    }

    // MARK: 4. risks

    var rejections: [Agenda.RejectionItem] {
        events.enumerated().compactMap { index, event in
            guard case .rejected(let e) = event.payload else { return nil }
            let later = events[(index + 1)...]
            let awaiting = e.inputs.filter { input in
                !later.contains { next in
                    if case .inputSubmitted(let s) = next.payload { return s.stage == e.stage && s.input == input }
                    return false
                }
            }
            return Agenda.RejectionItem(
                stage: e.stage, stageTitle: title(e.stage), inputs: e.inputs, by: event.actor, at: event.time,
                reason: e.reason, resubmitted: awaiting.isEmpty, awaitingInputs: awaiting)
        }
    }

    var staleSignoffs: [Agenda.StaleSignoffItem] {
        workflow.stages.flatMap { stage in
            cycle.staleSignoffs(of: stage).map {
                Agenda.StaleSignoffItem(stage: stage.id, stageTitle: stage.title, role: $0.role, by: $0.by, reason: $0.reason)
            }
        }
    }

    var waivedStages: [Agenda.WaivedStage] {
        workflow.stages.compactMap { stage in
            cycle.record(stage.id).waiver.map {
                Agenda.WaivedStage(stage: stage.id, title: stage.title, by: $0.by, at: $0.at, reason: $0.reason)
            }
        }
    }

    // MARK: 5./6. proposals and decisions

    func item(_ p: Proposal) -> Agenda.ProposalItem {
        // It came here by deferral when its last deferral moved it to this cycle (or to an earlier
        // one it was left open in).
        let deferral = p.deferrals.last.flatMap { $0.to <= id && $0.from != id ? $0 : nil }
        return Agenda.ProposalItem(
            id: p.label, text: p.text, stage: p.stage, stageTitle: p.stage.map(title), options: p.options, raisedBy: p.by,
            raisedAt: p.at, raisedIn: p.cycle, state: p.state(in: id), deferredFrom: deferral?.from,
            deferralReason: deferral?.reason, decision: p.decision.map(FollowUpKind.decision.label))
    }

    /// This cycle's decisions, plus earlier ones they superseded, so both sides of a supersession show.
    var decisions: [Agenda.DecisionItem] {
        let own = register.decisions(of: id)
        let replaced = own.compactMap { $0.supersedes.flatMap { register.decisions[$0] } }.filter { $0.cycle != id }
        return (own + replaced).sorted { $0.number < $1.number }.map(item)
    }

    /// Decisions recorded after the previous meeting was held, whichever of the two cycles holds
    /// them; this cycle's own when no meeting was held. The change section once looked only at
    /// submissions, stages and proposals, so a decision superseded after the meeting read as "no
    /// changes".
    var decisionsSince: [Agenda.DecisionItem] {
        var all: [Int: Decision] = [:]
        for d in register.decisions(of: id) + earlierDecisions { all[d.number] = d }
        let since: [Decision]
        if let heldAt = previous?.heldAt {
            since = all.values.filter { $0.at > heldAt }
        } else {
            since = all.values.filter { $0.cycle == id }
        }
        return since.sorted { $0.number < $1.number }.map(item)
    }

    func item(_ d: Decision) -> Agenda.DecisionItem {
        Agenda.DecisionItem(
            id: d.label, text: d.text, rationale: d.rationale, option: d.option,
            proposal: d.proposal.map(FollowUpKind.proposal.label), proposalText: d.proposal.flatMap { register.proposals[$0]?.text },
            by: d.by, at: d.at, cycle: d.cycle, supersedes: d.supersedes.map(FollowUpKind.decision.label),
            supersededBy: d.supersededBy.map(FollowUpKind.decision.label), inForce: d.isInForce)
    }

    // MARK: 8. actions

    var openActions: [FollowUpAction] { register.openActions(of: id) }

    func item(_ a: FollowUpAction) -> Agenda.ActionItem {
        Agenda.ActionItem(
            id: a.label, title: a.title, owner: a.owner, due: a.due, state: a.state, raisedIn: a.cycle,
            carriedOverFrom: a.isOpen ? a.carriedOver(into: id) : nil, decision: a.decision.map(FollowUpKind.decision.label),
            stage: a.stage, overdueDays: a.workdaysOverdue(on: today, calendar: workflow.calendar))
    }

    /// The meeting stage's due date in next month's cycle.
    var nextMeeting: Day? {
        // A meeting due relative to an upstream stage has no date until next month's cycle runs.
        guard case .workday(let n) = workflow.meetingStage?.due, let month = CycleMonth(id)?.next else { return nil }
        return workflow.calendar.workday(n, of: month)
    }

    var followUpActions: Agenda.FollowUpActions {
        let open = openActions
        let overdue = open.filter { $0.isOverdue(on: today) }
        let next = nextMeeting
        let dueSoon = next.map { meeting in open.filter { !$0.isOverdue(on: today) && $0.due <= meeting } } ?? []
        return Agenda.FollowUpActions(
            nextMeeting: next, open: open.map(item), overdue: overdue.map(item), dueBeforeNextMeeting: dueSoon.map(item))
    }

    // MARK: helpers

    func title(_ stage: String) -> String { workflow.stage(stage)?.title ?? stage }

    static func content(_ content: SubmittedContent) -> Agenda.Content {
        switch content {
        case .note(let text): Agenda.Content(kind: .note, value: text)
        case .file(let name, _, _): Agenda.Content(kind: .file, value: name)
        case .link(let url): Agenda.Content(kind: .link, value: url)
        }
    }
}
