import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// One entry of the command table: the single source for parsing, help, completion and the README.
public struct CommandSpec: Sendable {
    /// The command's words: `["cycle", "open"]`.
    public var words: [String]
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    public var summary: String
    /// Longer help: rules and what the command changes.
    public var details: String
    public var examples: [String]
    public var group: Group
    /// Another spelling (`exit` for `quit`).
    public var aliases: [[String]]
    let action: Action

    typealias Handler = @Sendable (Session, ParsedCommand) throws -> Reply

    /// REPL commands run in a session; `init`, `play` and `workflow check` run from the shell only,
    /// before (or instead of) opening a database session.
    enum Action: Sendable {
        /// Needs no database: `help` works anywhere without creating one. It is given the workflow of
        /// the session's database when one is open, so examples name that workflow's stages.
        case reference(@Sendable (ParsedCommand, Workflow?) throws(ShellError) -> Reply)
        case session(Handler)
        case commandLine(CommandLineCommand)
        /// A line only a playbook reads (`expect`, `clock`, ...): in the table for help and completion.
        case playbookLine(PlaybookDirective)
    }

    public enum CommandLineCommand: Sendable { case initialize, play, checkWorkflows }

    /// The lines of a `.sop` playbook that are not REPL commands.
    public enum PlaybookDirective: Sendable { case expect, expectRefused, expectFigure, expectInbox, expectEscalations, clock }

    /// The directive, when this entry is a playbook line.
    public var playbookDirective: PlaybookDirective? {
        if case .playbookLine(let directive) = action { return directive }
        return nil
    }

    /// Typed at the REPL prompt: not `init`, `play`, `workflow check` or a playbook line.
    public var runsInTheREPL: Bool { !commandLineOnly && playbookDirective == nil }

    public var commandLineOnly: Bool {
        if case .commandLine = action { return true }
        return false
    }

    public var name: String { words.joined(separator: " ") }

    /// `submit STAGE INPUT (FILE | --note TEXT | --link URL)`, built from the arguments and options.
    public var synopsis: String {
        var parts = [name]
        for argument in arguments {
            let name = argument.name + (argument.repeating ? "..." : "")
            parts.append(argument.optional ? "[\(name)]" : name)
        }
        var alternatives: [String] = []
        for option in options {
            let text = option.value.map { "\(option.name) \($0.placeholder)" } ?? option.name
            if option.alternativeToArgument { alternatives.append(text) } else {
                parts.append(option.required ? text : "[\(text)]")
            }
        }
        if !alternatives.isEmpty, let last = parts.popLast() {
            parts.append("(\(([last] + alternatives).joined(separator: " | ")))")
        }
        return parts.joined(separator: " ")
    }

    public enum Group: String, Sendable, CaseIterable {
        case session = "Session"
        case cycle = "Cycles"
        case readiness = "Readiness"
        case stage = "Stage work"
        case plan = "Plan figures and scenarios"
        case executive = "Executive S&OP"
        case actions = "Follow-up actions"
        case deadlines = "Deadlines, escalations and process health"
        case record = "Record, audit and backup"
        case setup = "Command line only"
        case playbook = "Playbook lines"
    }
}

/// A positional argument and what completes it.
public struct ArgumentSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    public var optional: Bool
    /// Takes every remaining word (`play FILE...`).
    public var repeating: Bool

    public init(_ name: String, _ kind: ValueKind, optional: Bool = false, repeating: Bool = false) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.repeating = repeating
    }
}

/// A `--name [VALUE]` option.
public struct OptionSpec: Sendable {
    public var name: String
    /// nil for a flag.
    public var value: ValueKind?
    public var required: Bool
    public var help: String
    /// Stands in for the last positional argument (`submit ... --note TEXT` instead of FILE).
    public var alternativeToArgument: Bool

    public init(_ name: String, _ value: ValueKind?, required: Bool = false, alternativeToArgument: Bool = false, help: String) {
        self.name = name
        self.value = value
        self.required = required
        self.help = help
        self.alternativeToArgument = alternativeToArgument
    }
}

/// What a word means, which decides how it is completed and shown.
public enum ValueKind: Sendable, Equatable {
    case command
    case stage
    /// An input id of the stage given as the command's first argument.
    case input
    case participant
    case cycle
    case role
    case state
    case file
    case number
    /// Follow-up item labels: `P-3`, `D-1`, `A-2`.
    case proposal
    case decision
    case action
    case format
    /// One of the options of the proposal the command names (`decide P-N ... --option OPTION`).
    case proposalOption
    /// `YYYY-MM-DD` and `YYYY-MM`, checked when the line is parsed.
    case date
    case month
    case text(String)

    var placeholder: String {
        switch self {
        case .command: "COMMAND"
        case .stage: "STAGE"
        case .input: "INPUT"
        case .participant: "PARTICIPANT"
        case .cycle: "YYYY-MM"
        case .role: "ROLE"
        case .state: "STATE"
        case .file: "FILE"
        case .number: "N"
        case .proposal: "P-N"
        case .decision: "D-N"
        case .action: "A-N"
        case .format: "FORMAT"
        case .proposalOption: "OPTION"
        case .date: "YYYY-MM-DD"
        case .month: "YYYY-MM"
        case .text(let placeholder): placeholder
        }
    }
}

/// A command line matched against its table entry.
public struct ParsedCommand: Sendable {
    public var spec: CommandSpec
    /// Positional values in order (a repeating argument contributes every remaining word).
    public var arguments: [String]
    /// Option name (with dashes) -> value; flags map to "".
    public var options: [String: String]

    public func argument(_ index: Int) -> String? { index < arguments.count ? arguments[index] : nil }
    public func option(_ name: String) -> String? { options[name] }
    public func flag(_ name: String) -> Bool { options[name] != nil }
}
