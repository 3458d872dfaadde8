import Foundation
import SOPApp
import SOPCore
import SOPStore

/// The words of a notification: a one-line subject (the mail subject, the inbox line) and a body that
/// says what is late, who else was told and what would clear it, so the mail stands on its own.
public enum NotificationText: NotificationWording {
    public static func subject(_ e: Escalation) -> String { "sop \(e.cycle): \(EscalationWords.message(e))" }

    public static func body(_ e: Escalation, cycle: CycleState, followUps: FollowUpRegister, team: Team, today: Day) -> String {
        // Stage ids stay as written (lowercase), so the first line reads the same as the subject.
        var lines = [EscalationWords.message(e) + ".", ""]
        lines.append("Cycle \(cycle.id) (\(cycle.workflow.title)), escalation \(e.label), level \(e.level), raised \(today).")
        lines.append("Told: " + (e.told.isEmpty ? "nobody" : e.told.map { id in team.participant(id).map { "\($0.name) (\(id))" } ?? id }.joined(separator: ", ")) + ".")
        if !e.unheld.isEmpty { lines.append("Nobody on the team holds \(e.unheld.joined(separator: ", ")); assign the role in the team file.") }
        lines.append("")
        switch e.subject {
        case .lateStage(let stage), .signoffWait(let stage):
            let why = (try? cycle.explain(stage, team: team, today: today, register: followUps)).map(ExplanationText.lines) ?? []
            lines += why
            lines += ["", "In sop: `why \(stage)` explains it; `escalations` lists what is escalated; `inbox` and `ack` clear this notice."]
        case .overdueAction(let number):
            if let a = followUps.actions[number] {
                lines.append("\(a.label) \"\(a.title)\": owner \(a.owner), due \(a.due), raised in \(a.cycle) by \(a.by).")
            }
            lines += ["", "In sop: `action done \(FollowUpKind.action.label(number))` closes it; `actions --overdue` lists the late ones."]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
