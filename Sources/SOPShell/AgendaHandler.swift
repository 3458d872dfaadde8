import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// `agenda`: the executive S&OP agenda, built from the cycle's records and the previous meeting's date.
extension Handlers {
    static func agenda(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let format = command.option("--format") ?? "text"
        guard ["text", "markdown", "json"].contains(format) else {
            throw ShellError.usage("unknown agenda format '\(format)'", fix: "use --format text, markdown or json")
        }
        let agenda = try AgendaQueries.agenda(session)
        switch format {
        case "markdown": return Reply(AgendaText.markdown(agenda), json: AgendaJSON(agenda))
        case "json": return Reply(JSONOutput.string(AgendaJSON(agenda)), json: AgendaJSON(agenda))
        default: return Reply(AgendaText.text(agenda), json: AgendaJSON(agenda))
        }
    }
}
