import Foundation
import SOPCore
import SOPStore

/// `agenda`: the executive S&OP agenda, built from the cycle's records and the previous meeting's date.
extension Handlers {
    static func agenda(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let format = command.option("--format") ?? "text"
        guard ["text", "markdown", "json"].contains(format) else {
            throw ShellError.usage("unknown agenda format '\(format)'", fix: "use --format text, markdown or json")
        }
        let today = session.today
        let agenda = try session.database.read { tx -> Agenda in
            let state = try session.loadCycle(tx)
            let events = try tx.events(cycle: state.id)
            let register = try tx.followUps(visibleIn: state.id)
            var previous: PreviousMeeting? = nil
            if let earlier = try tx.cycles().filter({ !$0.cancelled }).map(\.id).filter({ $0 < state.id }).last, let before = try tx.loadCycle(earlier) {
                let meeting = before.workflow.meetingStage.map { before.record($0.id) }
                previous = PreviousMeeting(cycle: earlier, heldAt: meeting?.state.isComplete == true ? meeting?.completedAt : nil)
            }
            return Agenda.build(cycle: state, events: events, register: register, previous: previous, today: today)
        }
        switch format {
        case "markdown": return Reply(AgendaText.markdown(agenda), json: agenda)
        case "json": return Reply(JSONOutput.string(agenda), json: agenda)
        default: return Reply(AgendaText.text(agenda), json: agenda)
        }
    }
}
