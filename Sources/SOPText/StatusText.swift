import SOPCore

/// The human forms of `status`.
public enum StatusText {
    /// The stage table, wrapped within `width` (the terminal's in the REPL).
    public static func overview(_ report: StatusReport, today: Day, width: Int = 80) -> String {
        var table = TextTable(["STAGE", "STATE", "OWNER", "DUE", "WAITING ON"], width: width)
        for s in report.stages {
            table.add([s.id, s.state.rawValue, s.owner, dueColumn(s), waitingOn(s)])
        }
        let done = report.stages.filter { $0.state.isComplete }.count
        let head = "Cycle \(report.cycle) · \(report.workflow) · \(report.state) · \(done)/\(report.stages.count.counted("stage")) done · today \(today)"
        return TextTable.flow(head, separator: " · ", width: width) + "\n" + table.rendered
    }

    /// The executive side under the stage table: open proposals and open actions, carried-over
    /// included, wrapped within `width` like the table above them.
    public static func followUps(_ state: CycleState, _ register: FollowUpRegister, today: Day, width: Int = 80) -> String {
        var lines: [String] = []
        let proposals = register.openProposals(of: state.id)
        if !proposals.isEmpty {
            let text = "Open proposals: " + proposals.map { "\($0.label) \($0.text)" }.joined(separator: "; ")
            lines += TextWrap.lines(text, rest: "  ", width: width)
        }
        let actions = register.openActions(of: state.id)
        if !actions.isEmpty {
            let overdue = actions.filter { $0.isOverdue(on: today) }.count
            lines.append("Open actions: \(actions.count)\(overdue > 0 ? ", \(overdue) overdue" : "")")
            for a in actions {
                var line = "\(a.label) \(a.owner) due \(a.due)"
                let late = a.workdaysOverdue(on: today, calendar: state.workflow.calendar)
                if late > 0 { line += " (\(late.counted("workday")) late)" }
                if let from = a.carriedOver(into: state.id) { line += " [from \(from)]" }
                lines += TextWrap.lines(line + ": \(a.title)", first: "  ", rest: "    ", width: width)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `2026-11-12 (3 left)`, `(2 late)`, `(today)`, or the relative rule while its
    /// anchor stage is not done (`(+2 after demand-review)`).
    public static func dueColumn(_ s: StageStatus) -> String {
        guard let due = s.due else { return s.dueRule.map { "(\($0))" } ?? "-" }
        if s.overdueDays > 0 { return "\(due) (\(s.overdueDays) late)" }
        // STATE already says done: `(5 late)` is how late it was done, and keeps the column narrow.
        if s.completedLate > 0 { return "\(due) (\(s.completedLate) late)" }
        if let left = s.workdaysLeft { return "\(due) (\(left == 0 ? "today" : "\(left) left"))" }
        return due
    }

    public static func waitingOn(_ s: StageStatus) -> String {
        var parts: [String] = []
        switch s.state {
        case .done: return "-"
        case .waived: return "waived"
        case .waiting: return "after " + s.blockedBy.joined(separator: ", ")
        case .open, .review: break
        }
        if !s.blockedBy.isEmpty { parts.append("upstream " + s.blockedBy.joined(separator: ", ")) }
        let rejected = Set(s.rejectedInputs)
        let missing = s.missingInputs.map { rejected.contains($0) ? "\($0) (rejected)" : $0 }
        if !missing.isEmpty { parts.append("inputs " + missing.joined(separator: ", ")) }
        if !s.missingSignoffs.isEmpty { parts.append("sign-off " + s.missingSignoffs.joined(separator: ", ")) }
        for stale in s.staleSignoffs { parts.append("stale \(stale.role) by \(stale.by)") }
        parts += s.unmetRequirements.map(ReasonText.requirement)
        return parts.joined(separator: "; ")
    }

    public struct StageDetailJSON: Encodable, Sendable {
        var status: StageStatusJSON
        var inputs: [InputJSON]
        enum Keys: String, CodingKey { case inputs }
        // By hand not for nulls but to flatten: the stage's status keys and `inputs` in one object.
        public func encode(to encoder: any Encoder) throws {
            try status.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(inputs, forKey: .inputs)
        }
    }

    public struct InputJSON: Encodable, Sendable {
        var id: String
        var title: String
        var format: String
        var version: Int?
        var by: String?
        var at: String?
        var content: String?
        var rejected: String?
    }

    public static func stageDetail(_ state: CycleState, _ stage: Stage, team: Team, today: Day) -> Reply {
        let s = state.status(of: stage, today: today)
        let record = state.record(stage.id)
        func people(_ role: String) -> String {
            let ids = team.holders(of: role).map(\.id)
            return ids.isEmpty ? role : "\(role) (\(ids.joined(separator: ", ")))"
        }
        var lines = ["\(stage.id): \(stage.title)"]
        var due = s.due.map { "due \($0)" } ?? s.dueRule.map { "due \($0)" } ?? "no due date"
        if let rule = s.dueRule, s.due != nil { due += " (\(rule))" }
        if s.overdueDays > 0 { due += ", \(Plural.workdays(s.overdueDays)) late" }
        if let left = s.workdaysLeft { due += left == 0 ? ", due today" : ", \(Plural.workdays(left)) left" }
        if let done = s.completedOn { due += ", done \(done)" + (s.completedLate > 0 ? ", \(Plural.workdays(s.completedLate)) late" : "") }
        lines.append("State \(s.state.rawValue) · owner \(people(stage.owner)) · \(due)")
        if !stage.after.isEmpty {
            lines.append("After: " + stage.after.map { "\($0) (\(state.state(of: $0).rawValue))" }.joined(separator: ", "))
        }
        if !stage.contributors.isEmpty { lines.append("Contributors: " + stage.contributors.map(people).joined(separator: ", ")) }
        var inputs: [InputJSON] = []
        var table = TextTable(["INPUT", "FORMAT", "VERSION", "BY", "AT", "CONTENT"])
        for input in stage.inputs {
            let sub = record.inputs[input.id]
            let format = input.format == .csv && !input.columns.isEmpty ? "csv(\(input.columns.joined(separator: ",")))" : input.format.rawValue
            var content = sub?.content.summary ?? "missing"
            if let r = sub?.rejection { content += " — REJECTED by \(r.by): \(r.reason)" }
            table.add([input.id, format, sub.map { "v\($0.version)" } ?? "-", sub?.by ?? "-", sub.map { Stamp.minute($0.at) } ?? "-", content])
            inputs.append(InputJSON(
                id: input.id, title: input.title, format: input.format.rawValue, version: sub?.version, by: sub?.by,
                at: sub.map { Stamp.minute($0.at) }, content: sub?.content.summary, rejected: sub?.rejection?.reason))
        }
        if !stage.inputs.isEmpty { lines += ["", table.rendered] }
        lines += ["", "Sign-offs:"]
        for role in stage.signoffs {
            if let current = s.signoffs.first(where: { $0.role == role }) {
                lines.append("  \(role): signed by \(current.by) at \(Stamp.minute(current.at))" + (current.comment.map { " — \"\($0)\"" } ?? ""))
            } else if let stale = s.staleSignoffs.first(where: { $0.role == role }) {
                lines.append("  \(role): STALE (signed by \(stale.by)) — \(ReasonText.stale(stale.reason))")
            } else {
                lines.append("  \(role): missing — \(people(role))")
            }
        }
        if let w = record.waiver { lines.append("Waived by \(w.by) at \(Stamp.minute(w.at)): \(w.reason)") }
        return Reply(lines.joined(separator: "\n"), json: StageDetailJSON(status: StageStatusJSON(s), inputs: inputs))
    }
}
