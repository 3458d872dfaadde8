import Foundation
import SOPApp
import SOPShell
import SOPSystem
import SOPText

/// Chooses the mode — one command, a pipe of commands, or the REPL — and returns the exit code.
enum Main {
    static func run(words: [String], options: LaunchOptions) -> Int32 {
        let console = Console.standard.json(options.json)
        if !words.isEmpty { return oneShot(words, options: options, console: console) }
        if isatty(STDIN_FILENO) == 0 { return batch(options: options, console: console) }
        return REPL.run(options: options, console: console)
    }

    static func oneShot(_ words: [String], options: LaunchOptions, console: Console) -> Int32 {
        Launcher.runOneShot(words, options: options, console: console)
    }

    static func batch(options: LaunchOptions, console: Console) -> Int32 {
        Launcher.runBatch(lines: AnyIterator { readLine(strippingNewline: true) }, options: options, console: console)
    }
}
