import Testing
@testable import LineEditor

@Suite struct CompletionContextTests {
    @Test(arguments: [
        ("", [], "", "", nil),
        ("sta", [], "sta", "sta", nil),
        ("status ", ["status"], "", "", nil),
        ("submit demand-review fore", ["submit", "demand-review"], "fore", "fore", nil),
        ("file \"my do", ["file"], "my do", "\"my do", "\""),
        ("file 'a b' c", ["file", "a b"], "c", "c", nil),
        ("file my\\ do", ["file"], "my do", "my\\ do", nil),
        ("x \"a\\\"b\" y", ["x", "a\"b"], "y", "y", nil),
    ] as [(String, [String], String, String, Unicode.Scalar?)])
    func splits(text: String, preceding: [String], partial: String, typed: String, quote: Unicode.Scalar?) {
        let context = CompletionContext(textBeforeCursor: text)
        #expect(context == CompletionContext(precedingWords: preceding, partial: partial, typedPartial: typed, openQuote: quote))
    }
}

@Suite struct CompletionActionTests {
    func action(_ text: String, _ candidates: [String]) -> CompletionAction {
        CompletionAction(context: CompletionContext(textBeforeCursor: text), candidates: candidates)
    }

    @Test func noCandidateBeeps() { #expect(action("zz", []) == .beep) }
    @Test func uniqueInsertsRestAndSpace() { #expect(action("sta", ["status"]) == .edit(deleteCount: 0, insert: "tus ")) }
    @Test func directoryGetsNoSpace() { #expect(action("file Wo", ["Workflows/"]) == .edit(deleteCount: 0, insert: "rkflows/")) }
    @Test func duplicatesCountOnce() { #expect(action("sta", ["status", "status"]) == .edit(deleteCount: 0, insert: "tus ")) }
    @Test func commonPrefixExtends() { #expect(action("s", ["supply-review", "supply-plan"]) == .edit(deleteCount: 0, insert: "upply-")) }
    @Test func ambiguousLists() { #expect(action("s", ["status", "signoff"]) == .list(["status", "signoff"])) }
    @Test func spacesGetQuoted() { #expect(action("file my", ["my docs/a.csv"]) == .edit(deleteCount: 2, insert: "\"my docs/a.csv\" ")) }
    @Test func openQuoteIsClosed() { #expect(action("file \"my docs/a", ["my docs/a.csv"]) == .edit(deleteCount: 0, insert: ".csv\" ")) }
    @Test func quotedDirectoryStaysOpen() { #expect(action("file my", ["my docs/"]) == .edit(deleteCount: 2, insert: "\"my docs/")) }
    @Test func caseInsensitiveCandidateReplaces() { #expect(action("sta", ["Status"]) == .edit(deleteCount: 3, insert: "Status ")) }
    @Test func exactDirectoryBeeps() { #expect(action("file docs/", ["docs/"]) == .beep) }
}

@Suite struct LayoutTests {
    @Test func columnsFillDownFirst() {
        #expect(columnLayout(["status", "signoff", "submit", "supply-review"], width: 40) == [
            "status         submit",
            "signoff        supply-review",
        ])
    }
    @Test func narrowTerminalOneColumn() {
        #expect(columnLayout(["status", "signoff"], width: 5) == ["status", "signoff"])
    }
    @Test func wideCharactersCountDouble() {
        #expect(displayWidth("日本") == 4)
        #expect(displayWidth("é") == 1)
        #expect(displayWidth("e\u{301}") == 1)
    }
    @Test func commonPrefixByScalars() {
        #expect(longestCommonPrefix(["café", "cafés", "cafe"]) == "caf")
        #expect(longestCommonPrefix([]) == "")
    }
    @Test func promptEscapesWrapped() {
        #expect(LineEditor.libeditPrompt("\u{1B}[1;32msop\u{1B}[0m> ") == "\u{1}\u{1B}[1;32m\u{1}sop\u{1}\u{1B}[0m\u{1}> ")
        #expect(LineEditor.libeditPrompt("sop> ") == "sop> ")
    }
}
