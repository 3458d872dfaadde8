import ArgumentParser
import Foundation
import SOPApp
import SOPShell
import SOPSystem
import SOPText

/// `sop [--db PATH] [--as PARTICIPANT] [--cycle YYYY-MM] [--now ISO8601] [--json] [COMMAND [ARGS...]]`
struct SOPCommandLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sop",
        abstract: "Run the monthly Sales & Operations Planning cycle: gated stages, inputs, sign-offs.",
        discussion: "Without COMMAND on a terminal: the interactive REPL. Without COMMAND on a pipe: commands from stdin, one per line.\n\nCommands:\n" + CommandTable.all.map { "  \($0.synopsis)" }.joined(separator: "\n"),
        version: SOPVersion.current)

    // Help texts come from the command table, which `help` and the README's reference also read.
    @Option(name: .long, help: ArgumentHelp(CommandTable.globalHelp("--db"), valueName: "PATH"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(CommandTable.globalHelp("--as"), valueName: "PARTICIPANT"))
    var actor: String?

    @Option(name: .long, help: ArgumentHelp(CommandTable.globalHelp("--cycle"), valueName: "YYYY-MM"))
    var cycle: String?

    @Option(name: .long, help: ArgumentHelp(CommandTable.globalHelp("--now"), valueName: "ISO8601"))
    var now: String?

    @Flag(name: .long, help: ArgumentHelp(CommandTable.globalHelp("--json")))
    var json = false

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A REPL command and its arguments.", valueName: "COMMAND"))
    var command: [String] = []
}

/// Parses the global options; exits 2 on a usage error, 0 after `--help`.
func parseCommandLine() -> SOPCommandLine {
    do {
        return try SOPCommandLine.parseAsRoot() as? SOPCommandLine ?? SOPCommandLine()
    } catch {
        if SOPCommandLine.exitCode(for: error) == .success {
            print(SOPCommandLine.fullMessage(for: error))
            exit(0)
        }
        // Under --json a script reads errors as JSON, usage errors included.
        let json = CommandLine.arguments.dropFirst().contains("--json")
        Console.standard.json(json).report(.usage(SOPCommandLine.message(for: error), fix: "run `sop --help` for usage"))
        exit(2)
    }
}

switch InformationRequest.find(in: Array(CommandLine.arguments.dropFirst())) {
case .help:
    print(SOPCommandLine.helpMessage())
    exit(0)
case .version:
    print("sop \(SOPVersion.current)")
    exit(0)
case nil:
    break
}

let environment = ProcessInfo.processInfo.environment
var arguments = parseCommandLine()
var words = arguments.command
// `sop status --json` reads as naturally as `sop --json status`.
if let index = words.firstIndex(of: "--json"), !(words.first.map { ["submit", "signoff", "reject", "waive"].contains($0) } ?? false) {
    words.remove(at: index)
    arguments.json = true
}

var clock: Date? = nil
if let text = arguments.now ?? environment["SOP_NOW"], !text.isEmpty {
    do throws(ShellError) {
        clock = try ClockText.parse(text)
    } catch {
        Console.standard.json(arguments.json).report(error)
        exit(2)
    }
}

let userFromEnvironment = environment["SOP_USER"].flatMap { $0.isEmpty ? nil : $0 }
let options = LaunchOptions(
    databasePath: arguments.db ?? environment["SOP_DB"] ?? "sop.db",
    actor: arguments.actor ?? userFromEnvironment,
    cycle: arguments.cycle,
    now: clock,
    json: arguments.json,
    login: OSAccount.current(),
    // Colour only for a person at a terminal; https://no-color.org asks any NO_COLOR to turn it off.
    colour: isatty(STDOUT_FILENO) != 0 && environment["NO_COLOR"] == nil,
    actorFromEnvironment: arguments.actor == nil && userFromEnvironment != nil,
    invocation: Array(CommandLine.arguments.dropFirst()),
    terminal: isatty(STDOUT_FILENO) != 0)

exit(Main.run(words: words, options: options))
