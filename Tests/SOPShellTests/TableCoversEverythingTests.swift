@testable import SOPApp
@testable import SOPShell
@testable import SOPText
import Testing

/// The command table is the one source for parsing, help, completion and the README: the global
/// options and the playbook lines are in it too, so they get help and completion like commands.
@Suite("The command table holds the global options and the playbook lines")
struct TableCoversEverythingTests {
    @Test(arguments: [
        ("expect", CommandSpec.PlaybookDirective.expect), ("expect-refused", .expectRefused),
        ("expect-inbox", .expectInbox), ("expect-escalations", .expectEscalations), ("clock", .clock),
    ])
    func everyPlaybookLineIsAnEntry(word: String, directive: CommandSpec.PlaybookDirective) throws {
        #expect(CommandTable.playbookDirective(named: word) == directive)
        let spec = try #require(CommandTable.spec(named: [word]))
        #expect(spec.group == .playbook)
        #expect(!spec.runsInTheREPL)
        #expect(HelpText.overview(CommandTable.all).contains(spec.synopsis))
        #expect(HelpText.markdown(CommandTable.all).contains("#### `\(spec.synopsis)`"))
    }

    @Test func aPlaybookLineTypedAtThePromptIsAUsageErrorThatSaysWhereItBelongs() throws {
        let session = try novemberSession()
        #expect {
            try session.run(line: "expect demand-review open")
        } throws: { error in
            guard let error = error as? ShellError, case .usage(let message, let fix) = error else { return false }
            return message.contains("playbook line") && fix.contains("sop play")
        }
    }

    @Test func helpCompletesEveryEntryButThePromptOnlyREPLCommands() {
        let completion = Completion(vocabulary: Vocabulary())
        #expect(completion.candidates(preceding: ["help"], partial: "exp").contains("expect"))
        #expect(completion.candidates(preceding: ["help"], partial: "ini") == ["init"])
        #expect(!completion.candidates(preceding: [], partial: "exp").contains("expect"))
        #expect(!completion.candidates(preceding: [], partial: "cl").contains("clock"))
    }

    @Test func everyGlobalOptionIsListedByHelpAndTheReference() {
        let overview = HelpText.overview(CommandTable.all)
        let reference = HelpText.markdown(CommandTable.all)
        for option in CommandTable.globalOptions {
            #expect(overview.contains(option.synopsis), "\(option.name)")
            #expect(reference.contains("`\(option.synopsis)`"), "\(option.name)")
            #expect(!CommandTable.globalHelp(option.name).isEmpty)
        }
        #expect(CommandTable.globalHelp("--db").contains("SOP_DB"))
        #expect(CommandTable.globalHelp("--no-such").isEmpty)
    }
}

@Suite("help COMMAND wraps its explanation at 80 columns, between words")
struct HelpWrapsTests {
    @Test func everyCommandsHelpFitsEightyColumnsExceptUnbreakableWords() {
        for spec in CommandTable.all {
            let text = HelpText.detail(spec, examples: spec.examples)
            let explanation = text.split(separator: "\n").drop { !$0.isEmpty }.prefix { !$0.hasPrefix("Options:") && !$0.hasPrefix("Examples:") }
            for line in explanation where line.count > 80 {
                #expect(!line.contains(" "), "\(spec.name): a line of \(line.count) columns: \(line)")
            }
        }
    }
}
