import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// `agenda [--format text|markdown|json|html] [--output FILE]`: the executive S&OP agenda, built from
/// the cycle's records and the previous meeting's date. `--output` writes it to FILE (replacing it, in
/// one step, so a cron job can rewrite the pack every morning and a mail never catches half a file);
/// HTML needs it, since markup on a terminal is read by nobody.
extension Handlers {
    static let agendaFormats = ["text", "markdown", "json", "html"]

    static func agenda(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let format = command.option("--format") ?? "text"
        guard agendaFormats.contains(format) else {
            throw ShellError.usage("unknown agenda format '\(format)'", fix: "use --format text, markdown, json or html")
        }
        let output = command.option("--output")
        if format == "html" && output == nil {
            throw ShellError.failed(
                "the HTML meeting pack is written to a file, not to the terminal", fix: "add --output FILE, e.g. --output pack.html")
        }
        let agenda = try AgendaQueries.agenda(session)
        let json = AgendaJSON(agenda)
        let rendered: String
        switch format {
        case "markdown": rendered = AgendaText.markdown(agenda)
        case "json": rendered = JSONOutput.string(json)
        case "html": rendered = MeetingPack.html(agenda)
        default: rendered = AgendaText.text(agenda)
        }
        guard let output else { return Reply(rendered, json: json) }
        let bytes = Data(rendered.utf8)
        let example = "pack." + (["markdown": "md", "text": "txt"][format] ?? format)
        do { try OutputFile.write(bytes, to: output, replacing: true, example: example) } catch { throw ShellError(error) }
        return Reply(AgendaText.written(agenda, format: format, bytes: bytes.count, to: output), json: json)
    }
}
