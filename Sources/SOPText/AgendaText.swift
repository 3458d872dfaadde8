import Foundation
import SOPApp
import SOPCore
import SOPStore

/// Renders the executive agenda: plain text for the terminal (80 columns, headings in caps and
/// underlined, bullet lists) and Markdown for the pre-read a leader mails out as it is.
///
/// Every section says what the records hold, or plainly that nothing is recorded.
public enum AgendaText {
    /// The section headings, in the order the meeting takes them.
    static let sections = [
        "What changed since last month",
        "Stage performance against due dates",
        "Product families: actual against forecast",
        "On plan financially",
        "Risks and exceptions",
        "Decisions needed now",
        "Product development and review outcomes",
        "Critical constraints",
        "Long-term plan",
        "Follow-up actions",
    ]

    static let width = 80

    // MARK: - text

    public static func text(_ agenda: Agenda) -> String {
        var out = Lines()
        let title = "EXECUTIVE S&OP AGENDA - \(agenda.cycle)"
        out.add(title)
        out.add(String(repeating: "=", count: title.count))
        out.field("Workflow", "\(agenda.workflowTitle) (\(agenda.workflow))")
        out.field("Meeting", meetingLine(agenda))
        out.field("Prepared", "\(agenda.preparedOn)" + (agenda.cycleState == "closed" ? " (the cycle is closed)" : ""))
        out.field("Since", sinceLine(agenda))

        // 1
        out.heading(1)
        let changes = agenda.changes
        if changes.isEmpty {
            out.wrap(nothingChanged(agenda))
        } else {
            out.add("Resubmissions:")
            out.bullets(changes.resubmissions.map(resubmission), none: "None.")
            out.add("Reopened stages:")
            out.bullets(changes.reopenedStages.map(reopening), none: "None.")
            out.add("New proposals \(sinceShort(agenda)):")
            out.bullets(changes.newProposals.map { "\($0.id) \($0.text) (\(proposalStateWords($0)))" }, none: "None.")
            out.add("Decisions \(sinceShort(agenda)):")
            out.bullets(changes.decisions.map { decisionChange($0, in: agenda.cycle) }, none: "None.")
        }
        out.blocks(AgendaPlanText.changes(agenda))

        // 2
        out.heading(2)
        if agenda.stagePerformance.isEmpty {
            out.wrap("No stages in the workflow.")
        } else {
            // The state shows in the last column, so the table fits 80 columns with the bundled titles.
            let rows = agenda.stagePerformance.map { p in
                [p.title, p.due?.description ?? "-", p.completedOn?.description ?? "-", performance(p, state: true)]
            }
            let table = columns(["Stage", "Due", "Completed", "Against due date"], rows)
            if table.allSatisfy({ $0.count <= width }) {
                table.forEach { out.add($0) }
            } else {
                out.bullets(agenda.stagePerformance.map { p in
                    "\(p.title) (\(p.state.rawValue)): due \(p.due?.description ?? "-")"
                        + (p.completedOn.map { ", completed \($0)" } ?? "") + ", \(performance(p))"
                }, none: "")
            }
        }

        // 3
        out.heading(3)
        out.blocks(AgendaPlanText.families(agenda))

        // 4
        out.heading(4)
        out.blocks(AgendaPlanText.finance(agenda))

        // 5
        out.heading(5)
        let risks = agenda.risks
        if risks.isEmpty {
            out.wrap("No rejections, stale sign-offs, waived stages or overdue actions recorded.")
        } else {
            out.add("Rejections:")
            out.bullets(risks.rejections.map(rejection), none: "None.")
            out.add("Stale sign-offs:")
            out.bullets(risks.staleSignoffs.map(stale), none: "None.")
            out.add("Waived stages:")
            out.bullets(risks.waivedStages.map(waived), none: "None.")
            out.add("Overdue actions:")
            out.bullets(risks.overdueActions.map(action), none: "None.")
        }
        out.blocks(AgendaPlanText.exceptions(agenda))

        // 6
        out.heading(6)
        if agenda.decisionsNeeded.isEmpty {
            out.wrap("No open proposals: nothing is waiting for a decision.")
        } else {
            for p in agenda.decisionsNeeded {
                out.wrap("\(p.id)  \(p.text)", first: "  - ", rest: "    ")
                for line in proposalDetails(p, in: agenda.cycle) { out.wrap(line, first: "      ", rest: "        ") }
                if p.options.isEmpty {
                    out.wrap("No options given.", first: "      ", rest: "      ")
                } else {
                    out.add("      Options:")
                    for (n, option) in p.options.enumerated() { out.wrap(option, first: "        \(n + 1). ", rest: "           ") }
                }
                out.blocks(AgendaPlanText.comparison(p, in: agenda), indent: "      ")
            }
        }
        out.add("")
        out.add("Decisions recorded this cycle:")
        if agenda.decisionsRecorded.isEmpty {
            out.wrap("No decisions recorded in this cycle yet.", first: "  ", rest: "  ")
        } else {
            for d in agenda.decisionsRecorded {
                out.wrap("\(d.id)  \(d.text)" + supersession(d), first: "  - ", rest: "    ")
                for line in decisionDetails(d, in: agenda.cycle) { out.wrap(line, first: "      ", rest: "        ") }
            }
        }

        // 7
        out.heading(7)
        if agenda.reviews.isEmpty {
            out.wrap("No review stages come before the meeting in this workflow.")
        } else {
            for (i, review) in agenda.reviews.enumerated() {
                if i > 0 { out.add("") }
                stageText(review, noteLines: agenda.noteLines, into: &out)
            }
        }

        // 8
        out.heading(8)
        let figures = AgendaPlanText.constraints(agenda)
        out.blocks(figures)
        if !figures.isEmpty { out.add("") }
        if agenda.criticalConstraints.sourceStages.isEmpty {
            out.wrap(noConstraintStages)
        } else if agenda.criticalConstraints.stages.isEmpty {
            out.wrap(unknownConstraintStages(agenda))
        } else {
            for (i, review) in agenda.criticalConstraints.stages.enumerated() {
                if i > 0 { out.add("") }
                stageText(review, noteLines: agenda.noteLines, into: &out)
            }
        }

        // 9
        out.heading(9)
        out.blocks(AgendaPlanText.longTerm(agenda))

        // 10
        out.heading(10)
        let actions = agenda.followUpActions
        out.wrap("Next meeting: \(nextMeetingLine(agenda))")
        if actions.open.isEmpty {
            out.wrap("No open follow-up actions.")
        } else {
            out.add("Open:")
            out.bullets(actions.open.map(action), none: "None.")
            out.add("Overdue:")
            out.bullets(actions.overdue.map(action), none: "None.")
            out.add("Due by the next meeting" + (actions.nextMeeting.map { " (\($0))" } ?? "") + ":")
            out.bullets(
                actions.dueBeforeNextMeeting.map(action),
                none: actions.nextMeeting == nil ? "Not known: there is no next meeting date." : "None.")
        }
        return out.text
    }

    private static func stageText(_ review: Agenda.StageReview, noteLines: Int, into out: inout Lines) {
        out.wrap("\(review.title) (\(review.stage)) - \(review.state.rawValue)")
        if let waiver = review.waiver {
            out.wrap("Waived by \(waiver.by), \(Stamp.minute(waiver.at)): \(waiver.reason)", first: "  ", rest: "    ")
        }
        if review.isEmpty {
            out.wrap("Nothing recorded yet: no input submitted, no sign-off.", first: "  ", rest: "  ")
            return
        }
        if !review.inputs.isEmpty {
            out.add("  Inputs:")
            for input in review.inputs {
                switch input.content.kind {
                case .note:
                    out.wrap("\(input.title): note (\(submission(input)))", first: "    - ", rest: "      ")
                    let preview = NotePreview(input.content.value, lines: noteLines)
                    for line in preview.lines { out.wrap(line, first: "        ", rest: "        ") }
                    if preview.isCut { out.wrap(morePointer(preview, review.stage, input.input), first: "        ", rest: "        ") }
                case .file, .link, .missing:
                    out.wrap("\(input.title): \(contentWords(input)) " + (input.content.kind == .missing ? "" : "(\(submission(input)))"),
                        first: "    - ", rest: "      ")
                }
            }
        }
        out.add("  Sign-offs:")
        if review.signoffs.isEmpty {
            out.add("    None current.")
        }
        for s in review.signoffs {
            out.wrap("\(s.role): \(s.by), \(Stamp.minute(s.at))" + (s.comment.map { " - \"\($0)\"" } ?? " - no comment"), first: "    - ", rest: "      ")
        }
    }

    // MARK: - markdown

    public static func markdown(_ agenda: Agenda) -> String {
        var md: [String] = []
        md.append("# Executive S&OP agenda — \(agenda.cycle)")
        md.append("")
        md.append("- **Workflow:** \(agenda.workflowTitle) (`\(agenda.workflow)`)")
        md.append("- **Meeting:** \(meetingLine(agenda))")
        md.append("- **Prepared:** \(agenda.preparedOn)" + (agenda.cycleState == "closed" ? " (the cycle is closed)" : ""))
        md.append("- **Since:** \(sinceLine(agenda))")

        func heading(_ n: Int) {
            md.append("")
            md.append("## \(n). \(sections[n - 1])")
            md.append("")
        }
        func list(_ title: String, _ items: [String], none: String = "None.") {
            md.append("**\(title)**")
            md.append("")
            md.append(contentsOf: items.isEmpty ? ["- \(none)"] : items.map { "- \(inline($0))" })
            md.append("")
        }

        // 1
        heading(1)
        let changes = agenda.changes
        if changes.isEmpty {
            md.append(nothingChanged(agenda))
        } else {
            list("Resubmissions", changes.resubmissions.map(resubmission))
            list("Reopened stages", changes.reopenedStages.map(reopening))
            list("New proposals \(sinceShort(agenda))", changes.newProposals.map { "**\($0.id)** \($0.text) (\(proposalStateWords($0)))" })
            list("Decisions \(sinceShort(agenda))", changes.decisions.map { decisionChange($0, in: agenda.cycle) })
        }
        md.append("")
        md.append(contentsOf: markdown(AgendaPlanText.changes(agenda)))

        // 2
        heading(2)
        if agenda.stagePerformance.isEmpty {
            md.append("No stages in the workflow.")
        } else {
            md.append("| Stage | State | Due | Completed | Against due date |")
            md.append("|---|---|---|---|---|")
            for p in agenda.stagePerformance {
                md.append(row([p.title, p.state.rawValue, p.due?.description ?? "—", p.completedOn?.description ?? "—", performance(p)]))
            }
        }

        // 3
        heading(3)
        md.append(contentsOf: markdown(AgendaPlanText.families(agenda)))

        // 4
        heading(4)
        md.append(contentsOf: markdown(AgendaPlanText.finance(agenda)))

        // 5
        heading(5)
        let risks = agenda.risks
        if risks.isEmpty {
            md.append("No rejections, stale sign-offs, waived stages or overdue actions recorded.")
        } else {
            list("Rejections", risks.rejections.map(rejection))
            list("Stale sign-offs", risks.staleSignoffs.map(stale))
            list("Waived stages", risks.waivedStages.map(waived))
            list("Overdue actions", risks.overdueActions.map(actionMarkdown))
        }
        md.append("")
        md.append(contentsOf: markdown(AgendaPlanText.exceptions(agenda)))

        // 6
        heading(6)
        if agenda.decisionsNeeded.isEmpty {
            md.append("No open proposals: nothing is waiting for a decision.")
        } else {
            for p in agenda.decisionsNeeded {
                md.append("- **\(p.id)** — \(inline(p.text))")
                for line in proposalDetails(p, in: agenda.cycle) { md.append("  - \(inline(line))") }
                if p.options.isEmpty {
                    md.append("  - No options given.")
                } else {
                    md.append("  - Options:")
                    for (n, option) in p.options.enumerated() { md.append("    \(n + 1). \(inline(option))") }
                }
                let comparison = AgendaPlanText.comparison(p, in: agenda)
                if !comparison.isEmpty {
                    md.append("")
                    md.append(contentsOf: markdown(comparison))
                }
            }
        }
        md.append("")
        md.append("### Decisions recorded this cycle")
        md.append("")
        if agenda.decisionsRecorded.isEmpty {
            md.append("No decisions recorded in this cycle yet.")
        } else {
            for d in agenda.decisionsRecorded {
                md.append("- **\(d.id)** — \(inline(d.text))\(supersession(d))")
                for line in decisionDetails(d, in: agenda.cycle) { md.append("  - \(inline(line))") }
            }
        }

        // 7
        heading(7)
        if agenda.reviews.isEmpty {
            md.append("No review stages come before the meeting in this workflow.")
        } else {
            for review in agenda.reviews { stageMarkdown(review, noteLines: agenda.noteLines, into: &md) }
        }

        // 8
        heading(8)
        md.append(contentsOf: markdown(AgendaPlanText.constraints(agenda)))
        md.append("")
        if agenda.criticalConstraints.sourceStages.isEmpty {
            md.append(noConstraintStages)
        } else if agenda.criticalConstraints.stages.isEmpty {
            md.append(unknownConstraintStages(agenda))
        } else {
            for review in agenda.criticalConstraints.stages { stageMarkdown(review, noteLines: agenda.noteLines, into: &md) }
        }

        // 9
        heading(9)
        md.append(contentsOf: markdown(AgendaPlanText.longTerm(agenda)))

        // 10
        heading(10)
        let actions = agenda.followUpActions
        md.append("Next meeting: \(nextMeetingLine(agenda))")
        md.append("")
        if actions.open.isEmpty {
            md.append("No open follow-up actions.")
        } else {
            list("Open", actions.open.map(actionMarkdown))
            list("Overdue", actions.overdue.map(actionMarkdown))
            list(
                "Due by the next meeting" + (actions.nextMeeting.map { " (\($0))" } ?? ""), actions.dueBeforeNextMeeting.map(actionMarkdown),
                none: actions.nextMeeting == nil ? "Not known: there is no next meeting date." : "None.")
        }
        // One blank line between blocks, none at the end.
        var lines: [String] = []
        for line in md where !(line.isEmpty && (lines.last?.isEmpty ?? true)) { lines.append(line) }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    static func stageMarkdown(_ review: Agenda.StageReview, noteLines: Int, into md: inout [String]) {
        md.append("### \(review.title) — \(review.state.rawValue)")
        md.append("")
        if let waiver = review.waiver {
            md.append("Waived by \(waiver.by), \(Stamp.minute(waiver.at)): \(inline(waiver.reason))")
            md.append("")
        }
        if review.isEmpty {
            md.append("Nothing recorded yet: no input submitted, no sign-off.")
            md.append("")
            return
        }
        if !review.inputs.isEmpty {
            md.append("**Inputs**")
            md.append("")
            for input in review.inputs {
                switch input.content.kind {
                case .note:
                    md.append("- **\(inline(input.title))**: note (\(submission(input)))")
                    md.append("")
                    let preview = NotePreview(input.content.value, lines: noteLines)
                    for line in preview.lines {
                        md.append(line.isEmpty ? "  >" : "  > \(line)")
                    }
                    if preview.isCut { md.append("  >"); md.append("  > _\(morePointer(preview, review.stage, input.input))_") }
                    md.append("")
                case .file:
                    md.append("- **\(inline(input.title))**: file `\(input.content.value)` (\(submission(input)))")
                case .link:
                    md.append("- **\(inline(input.title))**: link <\(input.content.value)> (\(submission(input)))")
                case .missing:
                    md.append("- **\(inline(input.title))**: not submitted")
                }
            }
            md.append("")
        }
        md.append("**Sign-offs**")
        md.append("")
        if review.signoffs.isEmpty { md.append("- None current.") }
        for s in review.signoffs {
            md.append("- \(s.role): \(s.by), \(Stamp.minute(s.at))" + (s.comment.map { " — “\(inline($0))”" } ?? " — no comment"))
        }
        md.append("")
    }

    // MARK: - shared wording

    static func meetingLine(_ agenda: Agenda) -> String {
        guard let m = agenda.meeting else {
            return "none: no stage of the workflow has `requires: [decisions]`"
        }
        var line = "\(m.title) (\(m.stage)), "
        line += m.due.map { "due \($0)" } ?? "no due date"
        line += ", \(m.state.rawValue)"
        if m.overdueDays > 0 { line += ", \(workdays(m.overdueDays)) overdue" }
        return line
    }

    static func sinceLine(_ agenda: Agenda) -> String {
        guard let previous = agenda.previousMeeting else { return "no earlier cycle on record" }
        guard let held = previous.heldAt else { return "\(previous.cycle) (its executive meeting is not recorded as held)" }
        return "the \(previous.cycle) executive meeting, held \(Stamp.minute(held))"
    }

    static func sinceShort(_ agenda: Agenda) -> String {
        guard let previous = agenda.previousMeeting, previous.heldAt != nil else { return "in this cycle" }
        return "since the \(previous.cycle) executive meeting"
    }

    static func nothingChanged(_ agenda: Agenda) -> String {
        guard let previous = agenda.previousMeeting else {
            return "No resubmissions, reopened stages, new proposals or decisions recorded in this cycle (the first on record)."
        }
        if previous.heldAt == nil {
            return "No resubmissions, reopened stages, new proposals or decisions recorded in this cycle since \(previous.cycle)."
        }
        return "No resubmissions, reopened stages, new proposals or decisions since the \(previous.cycle) executive meeting."
    }

    static let noConstraintStages =
        "The workflow names no stage whose records are the critical constraints. To show them here, add `agenda: { constraints: [STAGE] }` to the workflow file (e.g. the supply review stage) and open the next cycle with it."

    static func unknownConstraintStages(_ agenda: Agenda) -> String {
        "None of the constraint stages the workflow names (\(agenda.criticalConstraints.sourceStages.joined(separator: ", "))) is a stage of it; nothing is recorded."
    }

    static func nextMeetingLine(_ agenda: Agenda) -> String {
        guard let next = agenda.followUpActions.nextMeeting, let meeting = agenda.meeting else {
            return "not known (the workflow has no meeting stage with a due day)."
        }
        let month = CycleMonth(agenda.cycle)?.next.description ?? "next month"
        return "\(next) (\(meeting.title), \(month))."
    }

    static func workdays(_ n: Int) -> String { Plural.workdays(n) }

    /// How a stage did against its due date; `state` names the state of an unfinished stage
    /// instead of "still open".
    static func performance(_ p: Agenda.StagePerformance, state: Bool = false) -> String {
        let open = state ? p.state.rawValue : "still open"
        return switch p.timeliness {
        case .onTime: "on time"
        case .late: "\(workdays(p.workdays)) late"
        case .overdue: "\(open), \(workdays(p.workdays)) overdue"
        case .notYetDue: "\(open), not yet due"
        case .waived: "waived"
        case .noDueDate: p.state.isComplete ? "no due date" : "\(open), no due date"
        }
    }

    static func resubmission(_ r: Agenda.Resubmission) -> String {
        "\(r.stageTitle): \(r.input) version \(r.version), by \(r.by), \(Stamp.minute(r.at))"
    }

    /// The change that reopened it, or the state it went back to when the log does not say.
    public static func because(_ r: Agenda.Reopening) -> String {
        r.cause.map(ReasonText.cause) ?? "it went back to \(r.wentBackTo.rawValue)"
    }

    static func reopening(_ r: Agenda.Reopening) -> String {
        "\(r.stageTitle), \(Stamp.minute(r.at)): \(because(r)); now \(r.stateNow.rawValue)"
    }

    static func rejection(_ r: Agenda.RejectionItem) -> String {
        let outcome = r.resubmitted ? "resubmitted since" : "awaiting resubmission of \(r.awaitingInputs.joined(separator: ", "))"
        return "\(r.stageTitle): \(r.inputs.joined(separator: ", ")) rejected by \(r.by), \(Stamp.minute(r.at)): \"\(r.reason)\" - \(outcome)"
    }

    static func stale(_ s: Agenda.StaleSignoffItem) -> String {
        "\(s.stageTitle): \(s.role) sign-off by \(s.by) is stale - \(ReasonText.stale(s.reason))"
    }

    static func waived(_ w: Agenda.WaivedStage) -> String {
        "\(w.title): waived by \(w.by), \(Stamp.minute(w.at)): \(w.reason)"
    }

    static func action(_ a: Agenda.ActionItem) -> String {
        var line = "\(a.id) \(a.title) - owner \(a.owner), due \(a.due)"
        if a.overdueDays > 0 { line += ", \(workdays(a.overdueDays)) overdue" }
        if let from = a.carriedOverFrom { line += " (carried over from \(from))" }
        if let d = a.decision { line += " [\(d)]" }
        return line
    }

    static func actionMarkdown(_ a: Agenda.ActionItem) -> String {
        var line = "**\(a.id)** \(inline(a.title)) — owner \(a.owner), due \(a.due)"
        if a.overdueDays > 0 { line += ", \(workdays(a.overdueDays)) overdue" }
        if let from = a.carriedOverFrom { line += " _(carried over from \(from))_" }
        if let d = a.decision { line += " — follows \(d)" }
        return line
    }

    static func proposalStateWords(_ p: Agenda.ProposalItem) -> String {
        switch p.state {
        case .open: p.deferredFrom.map { "open, deferred from \($0)" } ?? "open"
        case .decided: p.decision.map { "decided: \($0)" } ?? "decided"
        case .deferred: "deferred"
        }
    }

    static func proposalDetails(_ p: Agenda.ProposalItem, in cycle: String) -> [String] {
        var lines: [String] = []
        lines.append("Stage: " + (p.stage.map { "\(p.stageTitle ?? $0) (\($0))" } ?? "none named"))
        lines.append("Raised by \(p.raisedBy), \(Stamp.minute(p.raisedAt))" + (p.raisedIn == cycle ? "" : ", in \(p.raisedIn)"))
        if let from = p.deferredFrom {
            lines.append("Deferred from \(from)" + (p.deferralReason.map { ": \($0)" } ?? ""))
        }
        return lines
    }

    /// A decision in the change list: what, both sides of a supersession, who and when.
    static func decisionChange(_ d: Agenda.DecisionItem, in cycle: String) -> String {
        "\(d.id) \(d.text)\(supersession(d)) - by \(d.by), \(Stamp.minute(d.at))" + (d.cycle == cycle ? "" : ", in \(d.cycle)")
    }

    /// Plan-figure blocks as Markdown: tables as tables, labels in bold.
    static func markdown(_ blocks: [AgendaBlock]) -> [String] {
        var md: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let text): md += [inline(text), ""]
            case .label(let text): md += ["**\(inline(text))**", ""]
            case .bullets(let items): md += items.map { "- \(inline($0))" } + [""]
            case .table(let header, let rows):
                md.append(row(header))
                md.append("|" + String(repeating: "---|", count: header.count))
                md += rows.map(row)
                md.append("")
            }
        }
        return md
    }

    static func supersession(_ d: Agenda.DecisionItem) -> String {
        var tags: [String] = []
        if let old = d.supersedes { tags.append("supersedes \(old)") }
        if let new = d.supersededBy { tags.append("superseded by \(new)") }
        return tags.isEmpty ? "" : " [\(tags.joined(separator: "; "))]"
    }

    static func decisionDetails(_ d: Agenda.DecisionItem, in cycle: String) -> [String] {
        var lines: [String] = []
        if let p = d.proposal { lines.append("Answers \(p)" + (d.proposalText.map { ": \($0)" } ?? "")) }
        if let option = d.option { lines.append("Option: \(option)") }
        lines.append("Rationale: \(d.rationale)")
        lines.append("Decided by \(d.by), \(Stamp.minute(d.at))" + (d.cycle == cycle ? "" : ", in \(d.cycle)") + (d.inForce ? "" : "; no longer in force"))
        return lines
    }

    /// Where the rest of a note cut short is read in full.
    static func morePointer(_ preview: NotePreview, _ stage: String, _ input: String) -> String {
        "... \(preview.hiddenLines.counted("more line")): `show \(stage) \(input)` prints the whole note"
    }

    static func contentWords(_ input: Agenda.InputRecord) -> String {
        switch input.content.kind {
        case .note: "note"
        case .file: "file \(input.content.value)"
        case .link: "link \(input.content.value)"
        case .missing: "not submitted"
        }
    }

    static func submission(_ input: Agenda.InputRecord) -> String {
        var words = "version \(input.version)"
        if let by = input.by { words += ", \(by)" }
        if let at = input.at { words += ", \(Stamp.minute(at))" }
        if input.rejected { words += ", rejected" }
        return words
    }

    // MARK: - formatting

    /// User text on one Markdown line: line breaks become spaces.
    static func inline(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// One Markdown table row; `|` in a cell is escaped so it stays in its cell.
    static func row(_ cells: [String]) -> String {
        "| " + cells.map { inline($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }

    /// Left-aligned columns, two spaces apart, indented by two.
    static func columns(_ header: [String], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            var line = "  "
            for (i, cell) in row.enumerated() {
                line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            return line
        }
    }

    /// Text lines being assembled.
    private struct Lines {
        var lines: [String] = []

        mutating func add(_ line: String) { lines.append(line) }

        mutating func wrap(_ text: String, first: String = "", rest: String = "") {
            lines += TextWrap.lines(text, first: first, rest: rest, width: AgendaText.width)
        }

        mutating func field(_ name: String, _ value: String) {
            let label = (name + ":").padding(toLength: 10, withPad: " ", startingAt: 0)
            wrap(value, first: label, rest: String(repeating: " ", count: 10))
        }

        mutating func heading(_ n: Int) {
            let title = "\(n). \(AgendaText.sections[n - 1].uppercased())"
            lines += ["", title, String(repeating: "-", count: title.count)]
        }

        mutating func blocks(_ blocks: [AgendaBlock], indent: String = "") {
            for block in blocks {
                switch block {
                case .paragraph(let text): wrap(text, first: indent, rest: indent)
                case .label(let text): wrap(text, first: indent, rest: indent + "  ")
                case .bullets(let items): for item in items { wrap(item, first: indent + "  - ", rest: indent + "    ") }
                case .table(let header, let rows): lines += AgendaText.columns(header, rows).map { indent + $0 }
                }
            }
        }

        mutating func bullets(_ items: [String], none: String) {
            if items.isEmpty {
                if !none.isEmpty { lines.append("  \(none)") }
                return
            }
            for item in items { wrap(item, first: "  - ", rest: "    ") }
        }

        var text: String { lines.joined(separator: "\n") + "\n" }
    }
}

extension AgendaText {
    /// What `agenda --output FILE` prints once the file is in place.
    public static func written(_ agenda: Agenda, format: String, bytes: Int, to path: String) -> String {
        let what = format == "html" ? "meeting pack" : "agenda (\(format))"
        return "Wrote the \(agenda.cycle) \(what), \(bytes) bytes, to \(path)."
    }
}
