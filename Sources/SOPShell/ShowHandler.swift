import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// `show STAGE INPUT [--version N] [--output FILE [--force]] [--history]`: reading back what was
/// submitted. It only reads, so anyone on the team may run it, with no acting participant needed.
extension Handlers {
    static func show(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let stageID = command.arguments[0]
        let inputID = command.arguments[1]
        let request = try ShowRequest(command)
        let (history, shown, file) = try Submissions.read(
            session, stage: stageID, input: inputID, version: request.version, historyOnly: request.historyOnly)
        guard let shown else {
            return Reply(ShowText.history(history, width: session.tableWidth), json: ShowJSON(history, shown: nil, output: nil))
        }
        let content: Data
        switch shown.content {
        case .file: content = file ?? Data()
        case .note(let text): content = Data(text.utf8)
        case .link(let url): content = Data(url.utf8)
        }
        if let path = request.output {
            do { try OutputFile.write(content, to: path, replacing: request.force) } catch { throw ShellError(error) }
            return Reply(ShowText.written(history, shown, bytes: content.count, to: path), json: ShowJSON(history, shown: shown, output: path))
        }
        let json = ShowJSON(history, shown: shown, output: nil)
        switch shown.content {
        case .note(let text): return Reply(text, json: json)
        case .link(let url): return Reply(url, json: json)
        case .file(let name, _, _):
            guard session.terminal else {
                // A pipe or a file gets the bytes exactly; the text is what a playbook's transcript shows.
                var reply = Reply(ShowText.heading(history, shown), json: json)
                reply.bytes = content
                return reply
            }
            guard let view = ShowText.terminalView(content, csv: history.input.format == .csv || name.lowercased().hasSuffix(".csv")) else {
                throw ShellError.failed(
                    "\(history.stage) \(history.input.id) version \(shown.version) (\(name)) is not text; it is not written to a terminal",
                    fix: "add --output FILE, or redirect it: sop show \(history.stage) \(history.input.id) > \(name)")
            }
            return Reply(ShowText.heading(history, shown) + "\n" + view, json: json)
        }
    }
}

/// The options of `show`, checked before anything is read.
struct ShowRequest {
    var version: Int?
    var output: String?
    var force: Bool
    var historyOnly: Bool

    init(_ command: ParsedCommand) throws(ShellError) {
        if let text = command.option("--version") {
            guard let n = Int(text), n > 0 else {
                throw .usage("--version needs a positive whole number, not '\(text)'", fix: "e.g. --version 1; `--history` lists the versions")
            }
            version = n
        }
        output = command.option("--output")
        force = command.flag("--force")
        historyOnly = command.flag("--history")
        if historyOnly && (version != nil || output != nil) {
            throw .usage("--history lists every version; it takes no --version or --output", fix: "leave out --history to show or export one version")
        }
        if force && output == nil {
            throw .usage("--force only allows --output to replace an existing file", fix: "add --output FILE, or leave out --force")
        }
    }
}
