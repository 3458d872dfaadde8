import SOPCore
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

@Suite struct ParserTests {
    @Test(arguments: [
        ("status", "status", [String](), [String: String]()),
        ("status demand-review", "status", ["demand-review"], [:]),
        ("cycle open 2026-12 --workflow w.yaml", "cycle open", ["2026-12"], ["--workflow": "w.yaml"]),
        ("submit s i --note \"two words\"", "submit", ["s", "i"], ["--note": "two words"]),
        ("submit s i --link=https://x.example/a", "submit", ["s", "i"], ["--link": "https://x.example/a"]),
        ("submit s i plan.csv", "submit", ["s", "i", "plan.csv"], [:]),
        ("signoff s --comment ok --role sales", "signoff", ["s"], ["--comment": "ok", "--role": "sales"]),
        ("reject s --reason 'not yet' --input i", "reject", ["s"], ["--reason": "not yet", "--input": "i"]),
        ("exit", "quit", [], [:]),
        ("help cycle open", "help", ["cycle", "open"], [:]),
        ("submit s i -- --odd-file-name", "submit", ["s", "i", "--odd-file-name"], [:]),
    ])
    func parses(line: String, command: String, arguments: [String], options: [String: String]) throws {
        let parsed = try Parser.parse(try Tokenizer.words(line), table: CommandTable.all)
        #expect(parsed.spec.name == command)
        #expect(parsed.arguments == arguments)
        #expect(parsed.options == options)
    }

    @Test(arguments: [
        ("frobnicate", "unknown command 'frobnicate'"),
        ("cycle", "cycle needs a subcommand"),
        ("cycle shut", "unknown cycle command 'shut'"),
        ("status --verbose", "unknown option --verbose for status"),
        ("why", "why needs STAGE"),
        ("submit demand-review", "submit needs INPUT"),
        ("submit demand-review forecast", "submit needs FILE (or --note or --link)"),
        ("submit s i f.csv --note x", "give either FILE or --note, not both"),
        ("submit s i --note x --link y", "give only one of --note and --link"),
        ("reject s", "reject needs --reason TEXT"),
        ("signoff s --comment", "--comment needs a value (TEXT)"),
        ("signoff s --comment a --comment b", "--comment given twice"),
        ("why a b", "unexpected argument 'b' for why"),
        ("whoami --json=1", "unknown option --json for whoami"),
        ("--verbose status", "unknown option --verbose"),
    ])
    func usageErrors(line: String, message: String) throws {
        let words = try Tokenizer.words(line)
        do {
            _ = try Parser.parse(words, table: CommandTable.all)
            Issue.record("expected a usage error for \(line)")
        } catch {
            guard case .usage(let text, let fix) = error else { Issue.record("not a usage error: \(error)"); return }
            #expect(text.contains(message), "\(text)")
            #expect(!fix.isEmpty)
            #expect(error.exitCode == 2)
        }
    }

    @Test func tokenizerHonoursQuotesAndEscapes() throws {
        #expect(try Tokenizer.words(#"a "b c" 'd e' f\ g "h\"i""#) == ["a", "b c", "d e", "f g", #"h"i"#])
        #expect(try Tokenizer.words("  ") == [])
        #expect(try Tokenizer.words(#"x """#) == ["x", ""])
        #expect(throws: Tokenizer.Unterminated.self) { try Tokenizer.words(#"submit "open"#) }
    }

    @Test func everyCommandHasHelpAndAnExampleThatParses() throws {
        for spec in CommandTable.all {
            #expect(!spec.summary.isEmpty && !spec.details.isEmpty, "\(spec.name)")
            #expect(!spec.examples.isEmpty, "\(spec.name)")
            for example in spec.examples {
                var words = try Tokenizer.words(example)
                if words.first == "sop" {
                    // Drop the program name and global options to reach the command.
                    words.removeFirst()
                    while let first = words.first, first.hasPrefix("--") { words.removeFirst(first == "--json" ? 1 : 2) }
                }
                let parsed = try Parser.parse(words, table: CommandTable.all)
                #expect(parsed.spec.name == spec.name, "example '\(example)'")
            }
        }
    }

    @Test func commandNamesAreUnique() {
        let names = CommandTable.all.flatMap { [$0.words] + $0.aliases }.map { $0.joined(separator: " ") }
        #expect(Set(names).count == names.count)
    }
}

/// Text typed by one participant is shown to others: control characters are refused at the parser,
/// before any message could echo them, while ordinary unicode passes.
@Suite struct ControlCharacterTests {
    @Test(arguments: [
        (["propose", "Raise \u{1B}[31mprices"], 2, "U+001B"),
        (["submit", "s", "i", "--note", "two\nlines"], 5, "U+000A"),
        (["action", "add", "x\ty", "--owner", "dan", "--due", "2026-12-01"], 3, "U+0009"),
        (["waive", "s", "--reason", "\u{202E}txt.exe"], 4, "U+202E"),
        (["sta\u{7F}tus"], 1, "U+007F"),
        (["log", "--stage", "a\u{85}"], 3, "U+0085"),
        (["propose", "one\u{2028}two"], 2, "U+2028"),
        (["decide", "P-1", "ok", "--rationale", "nul\u{0}byte"], 5, "U+0000"),
    ])
    func refused(words: [String], position: Int, code: String) {
        #expect {
            _ = try Parser.parse(words, table: CommandTable.all)
        } throws: { error in
            guard let error = error as? ShellError, error.exitCode == 2 else { return false }
            return error.description.hasPrefix("word \(position) of the command holds a control character (\(code))")
                && !error.description.unicodeScalars.contains(where: PrintableText.isUnprintable)
        }
    }

    @Test func ordinaryUnicodePasses() throws {
        let parsed = try Parser.parse(["propose", "Añadir turno — 夜勤 ✓ שלום 🙂"], table: CommandTable.all)
        #expect(parsed.arguments == ["Añadir turno — 夜勤 ✓ שלום 🙂"])
    }
}
