import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Help and the README command reference, rendered from the command table.
enum HelpText {
    static func overview(_ table: [CommandSpec]) -> String {
        var lines: [String] = []
        for group in CommandSpec.Group.allCases {
            let specs = table.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            lines.append("\(group.rawValue):")
            let width = specs.map(\.synopsis.count).max() ?? 0
            for spec in specs {
                let pad = String(repeating: " ", count: max(1, width - spec.synopsis.count + 2))
                lines.append("  \(spec.synopsis)\(pad)\(spec.summary)")
            }
            lines.append("")
        }
        lines.append("Global options (on the command line, before COMMAND):")
        let width = CommandTable.globalOptions.map(\.synopsis.count).max() ?? 0
        for option in CommandTable.globalOptions {
            lines.append("  \(option.synopsis.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(CommandTable.globalHelp(option.name))")
        }
        lines.append("")
        lines.append("Type `help COMMAND` for rules, options and examples. Tab completes commands, stages, inputs, people and files.")
        return lines.joined(separator: "\n")
    }

    /// `help COMMAND`; `examples` are the spec's own, adapted to the workflow at hand.
    static func detail(_ spec: CommandSpec, examples: [String]) -> String {
        // The explanation is wrapped at 80 columns, so a terminal never breaks it inside a word.
        var lines = ["usage: \(spec.synopsis)", "", spec.summary + "."] + [""] + TextWrap.lines(spec.details, width: 80)
        if !spec.aliases.isEmpty {
            lines += ["", "Also: " + spec.aliases.map { $0.joined(separator: " ") }.joined(separator: ", ")]
        }
        if !spec.options.isEmpty {
            lines += ["", "Options:"]
            for option in spec.options {
                let head = option.value.map { "\(option.name) \($0.placeholder)" } ?? option.name
                lines.append("  \(head.padding(toLength: 20, withPad: " ", startingAt: 0)) \(option.help)")
            }
        }
        if spec.commandLineOnly { lines += ["", "Runs from the command line only: sop [--db PATH] \(spec.name) ..."] }
        if spec.playbookDirective != nil { lines += ["", "A playbook line: write it in a .sop file and run `sop play FILE`."] }
        lines += ["", "Examples:"] + examples.map { "  \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The README's command reference. A test checks the README holds exactly this text.
    static func markdown(_ table: [CommandSpec]) -> String {
        var lines = ["### Global options", "", "Given on the command line before COMMAND: `sop [OPTIONS] [COMMAND [ARGS...]]`.", ""]
        for option in CommandTable.globalOptions {
            lines.append("- `\(option.synopsis)`: \(CommandTable.globalHelp(option.name))")
        }
        lines.append("")
        for group in CommandSpec.Group.allCases {
            let specs = table.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            lines += ["### \(group.rawValue)", ""]
            for spec in specs {
                lines.append("#### `\(spec.synopsis)`")
                lines.append("")
                lines.append("\(spec.summary). \(spec.details)")
                if !spec.aliases.isEmpty {
                    lines.append("Also spelled " + spec.aliases.map { "`\($0.joined(separator: " "))`" }.joined(separator: ", ") + ".")
                }
                for option in spec.options {
                    let head = option.value.map { "\(option.name) \($0.placeholder)" } ?? option.name
                    lines.append("- `\(head)`: \(option.help)")
                }
                lines.append("")
                lines.append("```")
                lines += spec.examples
                lines.append("```")
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }
}
