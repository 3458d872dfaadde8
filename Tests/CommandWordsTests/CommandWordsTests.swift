import CommandWords
import Testing

/// One cut of a line into words, for the parser (whole lines) and completion (the text before the cursor).
@Suite("A command line is cut into words one way for the parser and for Tab")
struct CommandWordsTests {
    @Test(arguments: [
        ("submit demand-review notes --note 'two words'", ["submit", "demand-review", "notes", "--note", "two words"]),
        (#"propose "Add a \"third\" shift""#, ["propose", #"Add a "third" shift"#]),
        (#"a\ b c"#, ["a b", "c"]),
        ("status\r\n", ["status"]),
        ("  spaced \t out  ", ["spaced", "out"]),
        ("''", [""]),
        (#"'no \escape'"#, [#"no \escape"#]),
    ])
    func aWholeLineSplitsAsAShellUserExpects(line: String, words: [String]) throws {
        #expect(try CommandWords.split(line) == words)
    }

    @Test func anOpenQuoteIsAnErrorForTheParserButTheWordBeingTypedForTab() {
        #expect(throws: CommandWords.Unterminated(quote: "\"")) { try CommandWords.split(#"propose "half"#) }
        let cut = CommandWords(#"decide P-1 --option "Sat"#)
        #expect(cut.complete == ["decide", "P-1", "--option"])
        #expect(cut.partial == "Sat")
        #expect(cut.typedPartial == #""Sat"#)
        #expect(cut.openQuote == "\"")
    }

    @Test func afterASeparatorNoWordIsBeingTyped() {
        let cut = CommandWords("status ")
        #expect(cut.complete == ["status"])
        #expect(cut.partial == nil)
        #expect(cut.typedPartial.isEmpty)
    }
}
