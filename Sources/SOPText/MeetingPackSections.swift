import Foundation
import Plot
import SOPCore

/// The ten sections of the meeting pack, each from the same `Agenda` value and in the same words as
/// the text agenda, with the charts where a figure reads better drawn.
enum MeetingPackSections {
    typealias Body = Node<HTML.BodyContext>

    // MARK: 1. what changed

    static func changes(_ agenda: Agenda) -> [Body] {
        let changes = agenda.changes
        var nodes: [Body] = []
        if changes.isEmpty {
            nodes.append(PackNodes.p(AgendaText.nothingChanged(agenda)))
        } else {
            nodes += PackNodes.list("Resubmissions", changes.resubmissions.map(AgendaText.resubmission))
            nodes += PackNodes.list("Reopened stages", changes.reopenedStages.map(AgendaText.reopening))
            nodes += PackNodes.list("New proposals \(AgendaText.sinceShort(agenda))",
                                    changes.newProposals.map { "\($0.id) \($0.text) (\(AgendaText.proposalStateWords($0)))" })
            nodes += PackNodes.list("Decisions \(AgendaText.sinceShort(agenda))", changes.decisions.map { decision($0, in: agenda.cycle, details: false) })
        }
        return nodes + PackNodes.blocks(AgendaPlanText.changes(agenda))
    }

    // MARK: 2. stage performance

    static func stagePerformance(_ agenda: Agenda) -> [Body] {
        guard !agenda.stagePerformance.isEmpty else { return [PackNodes.p("No stages in the workflow.")] }
        return [
            PackNodes.figure("The month's stages: due day, day done, late and overdue days, today.", [MeetingCharts.stageTimeline(agenda)]),
            PackNodes.table(
                ["Stage", "State", "Due", "Completed", "Against due date"],
                agenda.stagePerformance.map { p in
                    [p.title, p.state.rawValue, p.due?.description ?? "-", p.completedOn?.description ?? "-", AgendaText.performance(p)]
                }),
        ]
    }

    // MARK: 3. product families

    static func families(_ agenda: Agenda) -> [Body] {
        var nodes = PackNodes.blocks(AgendaPlanText.families(agenda))
        guard let plan = agenda.plan.figures else { return nodes }
        if !plan.accuracy.trend.isEmpty {
            nodes.append(PackNodes.figure(
                "Forecast accuracy over the last cycles: lag-1 WMAPE and bias of each target month.", [PlanCharts.accuracyTrend(plan.accuracy)]))
        }
        for family in plan.balance.families {
            let groups = plan.exceptions.filter { $0.family == family.family }
            var charts: [Body] = [PlanCharts.familyBalance(family, groups: groups)]
            if let accuracy = plan.accuracy.families.first(where: { $0.family == family.family }), !accuracy.points.isEmpty {
                charts.append(PlanCharts.forecastAgainstActual(accuracy))
            }
            var figure: [Body] = [.h3(PackText.text(family.family)), PackNodes.figure(
                "\(family.family): the plan over the horizon, and the last months' actual against forecast.", charts, class: "figure family")]
            if !groups.isEmpty { figure.append(.ul(.class("exceptions"), .group(groups.map { .li(PackText.text(PlanExceptionText.sentence($0))) }))) }
            nodes.append(.div(.class("family-block"), .group(figure)))
        }
        return nodes
    }

    // MARK: 4. financial

    static func finance(_ agenda: Agenda) -> [Body] {
        var nodes: [Body] = []
        if let plan = agenda.plan.figures, !plan.finance.families.isEmpty {
            nodes.append(PackNodes.figure("Revenue against budget per family over the horizon.", [MeetingCharts.revenueAgainstBudget(plan.finance)]))
        }
        return nodes + PackNodes.blocks(AgendaPlanText.finance(agenda))
    }

    // MARK: 5. risks

    static func risks(_ agenda: Agenda) -> [Body] {
        let risks = agenda.risks
        var nodes: [Body] = []
        if risks.isEmpty {
            nodes.append(PackNodes.p("No rejections, stale sign-offs, waived stages or overdue actions recorded."))
        } else {
            nodes += PackNodes.list("Rejections", risks.rejections.map(AgendaText.rejection))
            nodes += PackNodes.list("Stale sign-offs", risks.staleSignoffs.map(AgendaText.stale))
            nodes += PackNodes.list("Waived stages", risks.waivedStages.map(AgendaText.waived))
            nodes += PackNodes.list("Overdue actions", risks.overdueActions.map(AgendaText.action))
        }
        return nodes + PackNodes.blocks(AgendaPlanText.exceptions(agenda))
    }

    // MARK: 6. decisions

    static func decisions(_ agenda: Agenda) -> [Body] {
        var nodes: [Body] = []
        if agenda.decisionsNeeded.isEmpty {
            nodes.append(PackNodes.p("No open proposals: nothing is waiting for a decision."))
        }
        for p in agenda.decisionsNeeded {
            var card: [Body] = [.h3(PackText.text("\(p.id) \(p.text)"))]
            card.append(.ul(.group(AgendaText.proposalDetails(p, in: agenda.cycle).map { .li(PackText.text($0)) })))
            if p.options.isEmpty {
                card.append(PackNodes.p("No options given."))
            } else {
                card.append(.p(.class("label"), .strong(PackText.text("Options"))))
                card.append(.ol(.group(p.options.map { .li(PackText.text($0)) })))
            }
            card += PackNodes.blocks(AgendaPlanText.comparison(p, in: agenda))
            if let found = agenda.plan.figures?.comparisons.first(where: { $0.proposal == p.id }) {
                let c = found.comparison
                let plans = [("baseline", c.baseline)] + c.scenarios.map { ($0.scenario.name, $0.kpis) }
                card.append(PackNodes.figure("\(p.id): the scenarios it chooses between.", [MeetingCharts.scenarioComparison(p.id, plans: plans)]))
            }
            nodes.append(.element(named: "article", nodes: [.class("proposal")] + card))
        }
        nodes.append(.h3(PackText.text("Decisions recorded this cycle")))
        if agenda.decisionsRecorded.isEmpty {
            nodes.append(PackNodes.p("No decisions recorded in this cycle yet."))
        } else {
            nodes.append(.ul(.class("decisions"), .group(agenda.decisionsRecorded.map { .li(decision($0, in: agenda.cycle, details: true)) })))
        }
        return nodes
    }

    /// A decision; one no longer in force is struck through (and says which decision replaced it),
    /// since the pack keeps it on record rather than leaving it out.
    static func decision(_ d: Agenda.DecisionItem, in cycle: String, details: Bool) -> Body {
        let words: Body = PackText.text("\(d.id) \(d.text)")
        let struck = d.supersededBy != nil || !d.inForce
        var nodes: [Body] = [struck ? .del(.class("superseded"), words) : .strong(words)]
        nodes.append(PackText.text(AgendaText.supersession(d)))
        if details {
            nodes.append(.ul(.group(AgendaText.decisionDetails(d, in: cycle).map { .li(PackText.text($0)) })))
        } else {
            nodes.append(PackText.text(" - by \(d.by), \(Stamp.minute(d.at))" + (d.cycle == cycle ? "" : ", in \(d.cycle)")))
        }
        return .group(nodes)
    }

    // MARK: 7. reviews and 8. constraints

    static func reviews(_ agenda: Agenda) -> [Body] {
        guard !agenda.reviews.isEmpty else { return [PackNodes.p("No review stages come before the meeting in this workflow.")] }
        return agenda.reviews.map { review($0, noteLines: agenda.noteLines) }
    }

    static func constraints(_ agenda: Agenda) -> [Body] {
        var nodes = PackNodes.blocks(AgendaPlanText.constraints(agenda))
        if agenda.criticalConstraints.sourceStages.isEmpty {
            nodes.append(PackNodes.p(AgendaText.noConstraintStages))
        } else if agenda.criticalConstraints.stages.isEmpty {
            nodes.append(PackNodes.p(AgendaText.unknownConstraintStages(agenda)))
        } else {
            nodes += agenda.criticalConstraints.stages.map { review($0, noteLines: agenda.noteLines) }
        }
        return nodes
    }

    /// What one stage recorded. A link is shown as its address in text, never as a link: the pack
    /// holds no reference a browser would follow.
    static func review(_ review: Agenda.StageReview, noteLines: Int) -> Body {
        var nodes: [Body] = [.h3(PackText.text("\(review.title) — \(review.state.rawValue)"))]
        if let waiver = review.waiver {
            nodes.append(PackNodes.p("Waived by \(waiver.by), \(Stamp.minute(waiver.at)): \(waiver.reason)"))
        }
        if review.isEmpty {
            nodes.append(PackNodes.p("Nothing recorded yet: no input submitted, no sign-off."))
            return .div(.class("review"), .group(nodes))
        }
        if !review.inputs.isEmpty {
            let inputs: [Body] = review.inputs.map { input in
                switch input.content.kind {
                case .note:
                    let preview = NotePreview(input.content.value, lines: noteLines)
                    var note: [Body] = [.strong(PackText.text(input.title)), PackText.text(": note (\(AgendaText.submission(input)))"),
                                        .blockquote(PackText.text(preview.lines.joined(separator: "\n")))]
                    if preview.isCut {
                        note.append(PackNodes.p("... \(preview.hiddenLines.counted("more line")): `show \(review.stage) \(input.input)` prints the whole note", class: "more"))
                    }
                    return .group(note)
                case .file, .link:
                    return .group(.strong(PackText.text(input.title)), PackText.text(": \(input.content.kind.rawValue) "),
                                  .code(PackText.text(input.content.value)), PackText.text(" (\(AgendaText.submission(input)))"))
                case .missing:
                    return .group(.strong(PackText.text(input.title)), PackText.text(": not submitted"))
                }
            }
            nodes += PackNodes.list("Inputs", inputs)
        }
        nodes += PackNodes.list("Sign-offs", review.signoffs.map { s in
            "\(s.role): \(s.by), \(Stamp.minute(s.at))" + (s.comment.map { " — “\($0)”" } ?? " — no comment")
        }, none: "None current.")
        return .div(.class("review"), .group(nodes))
    }

    // MARK: 9. long term

    static func longTerm(_ agenda: Agenda) -> [Body] { PackNodes.blocks(AgendaPlanText.longTerm(agenda)) }

    // MARK: 10. actions

    static func actions(_ agenda: Agenda) -> [Body] {
        let actions = agenda.followUpActions
        var nodes: [Body] = [PackNodes.p("Next meeting: \(AgendaText.nextMeetingLine(agenda))")]
        guard !actions.open.isEmpty else { return nodes + [PackNodes.p("No open follow-up actions.")] }
        nodes.append(PackNodes.table(
            ["Action", "Title", "Owner", "Due", "Overdue", "Carried over from", "Decision"],
            actions.open.map { a in
                [a.id, a.title, a.owner, "\(a.due)", a.overdueDays > 0 ? AgendaText.workdays(a.overdueDays) : "-", a.carriedOverFrom ?? "-", a.decision ?? "-"]
            },
            caption: "Open follow-up actions, with their owners and due dates:"))
        nodes += PackNodes.list("Overdue", actions.overdue.map(AgendaText.action))
        nodes += PackNodes.list(
            "Due by the next meeting" + (actions.nextMeeting.map { " (\($0))" } ?? ""), actions.dueBeforeNextMeeting.map(AgendaText.action),
            none: actions.nextMeeting == nil ? "Not known: there is no next meeting date." : "None.")
        return nodes
    }
}
