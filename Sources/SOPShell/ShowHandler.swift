import Foundation
import SOPCore
import SOPStore

/// `show STAGE INPUT [--version N] [--output FILE [--force]] [--history]`: reading back what was
/// submitted. It only reads, so anyone on the team may run it, with no acting participant needed.
extension Handlers {
    static func show(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let stageID = command.arguments[0]
        let inputID = command.arguments[1]
        let request = try ShowRequest(command)
        let (history, shown, file) = try session.database.read { tx -> (SubmissionHistory, SubmissionRecord?, Data?) in
            let state = try session.loadCycle(tx)
            let history = try SubmissionHistory.of(stage: stageID, input: inputID, in: state, events: tx.events(cycle: state.id, stage: stageID))
            if request.historyOnly {
                _ = try history.version(nil)
                return (history, nil, nil)
            }
            let shown = try history.version(request.version)
            var file: Data?
            if case .file(_, let sha, _) = shown.content { file = try tx.submittedFile(sha) }
            return (history, shown, file)
        }
        guard let shown else {
            return Reply(ShowText.history(history), json: ShowJSON(history, shown: nil, output: nil))
        }
        let content: Data
        switch shown.content {
        case .file: content = file ?? Data()
        case .note(let text): content = Data(text.utf8)
        case .link(let url): content = Data(url.utf8)
        }
        if let path = request.output {
            try OutputFile.write(content, to: path, replacing: request.force)
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

/// `--json show`: the version shown (absent with --history) and every version, without the file's bytes
/// (those go to stdout without --json, or to --output).
struct ShowJSON: Encodable, Sendable {
    struct Version: Encodable, Sendable {
        struct Rejection: Encodable, Sendable {
            var by: String
            var at: String
            var reason: String
        }
        var version: Int
        var by: String
        var at: String
        /// `file`, `note` or `link`.
        var kind: String
        var name: String?
        var sha256: String?
        var size: Int?
        var text: String?
        var url: String?
        /// Whether it is the input's current version: the newest, and not rejected.
        var current: Bool
        var rejected: Rejection?
    }
    var cycle: String
    var stage: String
    var input: String
    var shown: Version?
    var history: [Version]
    /// The file --output wrote.
    var output: String?

    init(_ history: SubmissionHistory, shown: SubmissionRecord?, output: String?) {
        let newest = history.versions.last?.version
        func version(_ record: SubmissionRecord) -> Version {
            var v = Version(
                version: record.version, by: record.by, at: Stamp.minute(record.at), kind: "", current: record.version == newest && record.isCurrent,
                rejected: record.rejection.map { Version.Rejection(by: $0.by, at: Stamp.minute($0.at), reason: $0.reason) })
            switch record.content {
            case .file(let name, let sha, let size): (v.kind, v.name, v.sha256, v.size) = ("file", name, sha, size)
            case .note(let text): (v.kind, v.text) = ("note", text)
            case .link(let url): (v.kind, v.url) = ("link", url)
            }
            return v
        }
        cycle = history.cycle
        stage = history.stage
        input = history.input.id
        self.shown = shown.map(version)
        self.history = history.versions.map(version)
        self.output = output
    }
}
