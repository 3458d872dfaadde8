import Foundation

extension CycleState {
    /// `why STAGE`: sentences saying where the stage stands, what blocks it, and who must act next.
    public func explain(_ stageID: String, team: Team, today: Day, register: FollowUpRegister? = nil) throws(Refusal) -> [String] {
        let stage = try Rules(cycle: self, team: team).stage(stageID)
        let s = status(of: stage, today: today, register: register)
        let record = record(stage.id)
        func who(_ role: String) -> String {
            let people = team.holders(of: role).map { "\($0.name) (\($0.id))" }
            // A noun phrase either way, so every sentence that names who acts reads right.
            return people.isEmpty ? "the \(role) role (nobody holds it: give it to someone in the team file)" : "\(role): \(people.orList)"
        }
        var lines = ["\(stage.id) (\(stage.title)) is \(s.state.rawValue)."]
        if let due = s.due {
            let verdict = s.completedLate > 0 ? ", \(Plural.workdays(s.completedLate)) late" : ", on time"
            if let done = s.completedOn, let first = s.deliveredOn, first != done {
                // Done again after a reopening: judged, like `metrics` judges it, on its first completion.
                lines.append("It was due \(due) and was first done \(first)\(verdict); it was done again \(done).")
            } else if let done = s.completedOn {
                lines.append("It was due \(due) and was done \(done)\(verdict).")
            } else if let reopened = s.reopenedOn {
                // Rework is due again the day it reopened, never before the due day.
                let from = max(due, reopened)
                if s.overdueDays > 0 {
                    lines.append("It was due \(due), was done, and reopened \(reopened); it is \(Plural.workdays(s.overdueDays)) late, counted from \(from).")
                } else if s.workdaysLeft != nil {
                    lines.append("It is due \(due); it was done, and reopened \(reopened).")
                } else {
                    lines.append("It was due \(due), was done, and reopened \(reopened): it is due again now.")
                }
            } else {
                lines.append(s.overdueDays > 0 ? "It was due \(due) and is \(Plural.workdays(s.overdueDays)) late." : "It is due \(due).")
            }
        } else if case .after(let anchor, let n)? = stage.due {
            lines.append("It falls due \(Plural.workdays(n)) after \(anchor) is done; \(anchor) is \(state(of: anchor).rawValue).")
        }
        if isClosed { lines.append("Cycle \(id) is closed; nothing more can change.") }
        switch s.state {
        case .waived:
            if let w = record.waiver { lines.append("\(w.by) waived it at \(Stamp.minute(w.at)): \(w.reason).") }
            return lines
        case .done:
            let by = s.signoffs.map { "\($0.role) by \($0.by)" }
            lines.append("Signed off as \(by.andList); downstream stages may proceed.")
            return lines
        case .waiting:
            for up in s.blockedBy {
                let upState = state(of: up)
                let owner = workflow.stage(up)?.owner ?? "?"
                lines.append("It waits for \(up), which is \(upState.rawValue); \(who(owner)) owns it.")
            }
            return lines
        case .open, .review:
            break
        }
        if !s.blockedBy.isEmpty {
            lines.append("Upstream \(s.blockedBy.andList) \(s.blockedBy.count == 1 ? "is" : "are") no longer done, so it cannot be signed off until \(s.blockedBy.count == 1 ? "it is" : "they are") done again.")
        }
        if let because = record.reopenedBecause, record.completions > 0 {
            lines.append("It was done before and reopened because \(because).")
        }
        for input in s.missingInputs {
            if let rejection = record.inputs[input]?.rejection {
                lines.append("Input \(input) was rejected by \(rejection.by) at \(Stamp.minute(rejection.at)) (\(rejection.reason)) and must be resubmitted.")
            } else {
                lines.append("Input \(input) has not been submitted.")
            }
        }
        if !s.missingInputs.isEmpty {
            let submitters = [stage.owner] + stage.contributors
            lines.append("To submit: \(submitters.map(who).joined(separator: "; ")), or the leader.")
        }
        for stale in s.staleSignoffs {
            lines.append("The \(stale.role) sign-off by \(stale.by) is stale: \(stale.because).")
        }
        if !s.unmetRequirements.isEmpty {
            let deciders = workflow.decisionRoles.map(who).joined(separator: "; ")
            lines.append("Before its sign-off it needs every proposal decided or deferred and a decision recorded: \(s.unmetRequirements.map { $0.replacingOccurrences(of: "decisions: ", with: "") }.joined(separator: "; ")). Decides: \(deciders).")
        }
        if s.missingInputs.isEmpty {
            for role in s.missingSignoffs {
                lines.append("Needs a sign-off from \(who(role)).")
            }
        } else if !s.missingSignoffs.isEmpty {
            lines.append("Once the inputs are in it needs sign-off from \(s.missingSignoffs.andList).")
        }
        return lines
    }
}
