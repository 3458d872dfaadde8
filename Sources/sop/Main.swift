import Foundation
import SOPShell

/// Chooses the mode — one command, a pipe of commands, or the REPL — and returns the exit code.
enum Main {
    static func run(words: [String], options: LaunchOptions) -> Int32 {
        let console = Console.standard
        if !words.isEmpty { return oneShot(words, options: options, console: console) }
        if isatty(STDIN_FILENO) == 0 { return batch(options: options, console: console) }
        return REPL.run(options: options, console: console)
    }

    static func oneShot(_ words: [String], options: LaunchOptions, console: Console) -> Int32 {
        do {
            let parsed = try Parser.parse(words, table: CommandTable.all)
            if parsed.spec.commandLineOnly {
                return Launcher.runCommandLine(parsed, options: options, console: console)
            }
            let session = try Launcher.session(options, mode: .oneShot)
            if let text = session.render(try session.run(words)) { console.out(text) }
            return 0
        } catch {
            console.report(error)
            return error.exitCode
        }
    }

    /// Piped stdin: one command per line, no prompt; stop at the first failing command.
    static func batch(options: LaunchOptions, console: Console) -> Int32 {
        let session: Session
        do { session = try Launcher.session(options, mode: .batch) } catch {
            console.report(error)
            return error.exitCode
        }
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            do {
                if let text = session.render(try session.run(line: line)) { console.out(text) }
            } catch {
                console.err("error: line \(number): \(error.description)")
                return error.exitCode
            }
            if session.quitRequested { break }
        }
        return 0
    }
}
