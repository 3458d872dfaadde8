import Foundation
import SOPApp
import SOPCore
import SOPStore
import SOPSystem
import SOPText

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
            if let earlier = PreviousMeeting.cycle(before: state.id, among: try tx.cycles().map(\.id)),
                let before = try tx.loadCycle(earlier)
            {
                previous = PreviousMeeting(of: before)
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
