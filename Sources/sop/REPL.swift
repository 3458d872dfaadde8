import Foundation
import LineEditor
import SOPApp
import SOPShell
import SOPSystem
import SOPText
import Synchronization

/// The interactive loop: libedit prompt, completion from the command table, persistent history.
enum REPL {
    /// Completion reads the vocabulary refreshed before each prompt; libedit calls back synchronously.
    final class Vocabulary: Sendable {
        let current = Mutex(SOPApp.Vocabulary())
    }

    static func run(options: LaunchOptions, console: Console) -> Int32 {
        let session: Session
        do { session = try Launcher.session(options, mode: .repl) } catch {
            console.report(error)
            return error.exitCode
        }
        let vocabulary = Vocabulary()
        let editor = LineEditor(programName: "sop", historyFile: historyPath()) { preceding, partial in
            let words = vocabulary.current.withLock { $0 }
            return Completion(vocabulary: words).candidates(preceding: preceding, partial: partial)
        }
        Interrupt.installHandler()
        console.out("sop: Sales & Operations Planning. Type `help` for commands; Tab completes; Ctrl-D leaves.")
        if session.actorID == nil {
            if let why = session.accountNotOnTeam {
                // Under `identity: os` picking someone would only be refused: say why, and let the person read.
                console.out("Nobody is acting: \(why). You can read the cycle; changes are refused.")
            } else if !chooseActor(session, editor: editor, console: console) {
                return 0
            }
        }
        // Other participants' events, above the prompt as they commit; without a feed the REPL works as before.
        if !session.json, let feed = try? StoreChangeFeed(database: session.database) {
            let live = LiveUpdates(feed: feed, session: session)
            editor.announcer = Announcer(wakeDescriptor: live.wakeDescriptor, interval: live.interval) { live.lines(width: $0) }
        }
        let watch = EscalationWatch()
        defer { watch.finish() }
        // Tables wrap within the terminal, the same for the start-up status and a typed one.
        session.terminalWidth = TerminalSize.columns()
        let raisedAtStart = watch.check(session)
        if let text = try? session.render(session.run(["status"])) { console.out(text) }
        if !session.json {
            if let text = raisedAtStart { console.out(text) }
            if let text = watch.greeting(session) { console.out(text) }
        }
        while !session.quitRequested {
            let fresh = Completion.vocabulary(for: session)
            vocabulary.current.withLock { $0 = fresh }
            switch editor.readLine(prompt: session.prompt) {
            case .endOfInput:
                console.out("")
                return 0
            case .interrupted:
                continue
            case .line(let line):
                editor.addHistory(line)
                Interrupt.reset()
                session.terminalWidth = TerminalSize.columns()
                // `escalate` runs the ladders itself and reports what it raised.
                let first = line.split(separator: " ").first.map(String.init)
                let announcement = first == "escalate" ? nil : watch.check(session)
                do {
                    session.deliver(try session.run(line: line), to: console)
                } catch {
                    console.report(error)
                }
                if let announcement, !session.json { console.out(announcement) }
            }
        }
        return 0
    }

    /// Nobody named with --as/SOP_USER and no login match: ask the person to pick from the team.
    static func chooseActor(_ session: Session, editor: LineEditor, console: Console) -> Bool {
        guard let team = try? session.team() else { return true }
        console.out("Who are you? Pick from the team (number or id):")
        for (index, p) in team.participants.enumerated() {
            console.out("  \(index + 1). \(p.id) (\(p.name): \(p.roles.joined(separator: ", ")))")
        }
        while true {
            switch editor.readLine(prompt: "participant> ") {
            case .endOfInput: return false
            case .interrupted: continue
            case .line(let text):
                let answer = text.trimmingCharacters(in: .whitespaces)
                let chosen = Int(answer).flatMap { $0 >= 1 && $0 <= team.participants.count ? team.participants[$0 - 1].id : nil } ?? answer
                do {
                    try session.act(as: chosen, claim: .picked)
                    console.out("Acting as \(chosen). Switch any time with `as PARTICIPANT`.")
                    return true
                } catch {
                    session.recordRefusedAttempts(command: "as \(Tokenizer.quoted(chosen))")
                    console.report(error)
                }
            }
        }
    }

    /// `$XDG_STATE_HOME/sop/history`, else `~/.local/state/sop/history`.
    static func historyPath() -> String {
        let env = ProcessInfo.processInfo.environment
        if let state = env["XDG_STATE_HOME"], !state.isEmpty { return state + "/sop/history" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/sop/history"
    }
}
