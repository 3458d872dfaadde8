import Foundation
import SOPCore
import Testing

/// CSV plan files: UTF-8, not empty, required header columns, one value per column, data rows.
@Suite struct CSVCheckTests {
    static let columns = ["family", "month", "quantity"]

    func refusal(_ text: String, columns: [String] = CSVCheckTests.columns) -> Refusal? {
        refusal(Data(text.utf8), columns: columns)
    }

    func refusal(_ bytes: Data, columns: [String] = CSVCheckTests.columns) -> Refusal? {
        do {
            try CSVCheck.check(bytes, fileName: "plan.csv", required: columns)
            return nil
        } catch {
            return error
        }
    }

    struct Accepted: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var testDescription: String { label }
    }

    static let accepted: [Accepted] = [
        Accepted(label: "plain", text: "family,month,quantity\nwidgets,2026-11,120\n"),
        Accepted(label: "no final newline", text: "family,month,quantity\nwidgets,2026-11,120"),
        Accepted(label: "CRLF line ends", text: "family,month,quantity\r\nwidgets,2026-11,120\r\ngadgets,2026-11,80\r\n"),
        Accepted(label: "extra columns", text: "region,family,month,quantity,note\neu,widgets,2026-11,120,ok\n"),
        Accepted(label: "columns in another order", text: "quantity,family,month\n1,w,2026-11\n"),
        Accepted(label: "case and spaces in header", text: " Family ,MONTH,  Quantity\nwidgets,2026-11,120\n"),
        Accepted(label: "quoted comma", text: "family,month,quantity\n\"widgets, large\",2026-11,120\n"),
        Accepted(label: "quoted newline", text: "family,month,quantity\n\"widgets\nlarge\",2026-11,120\ngadgets,2026-11,80\n"),
        Accepted(label: "doubled quotes", text: "family,month,quantity\n\"the \"\"big\"\" one\",2026-11,120\n"),
        Accepted(label: "quoted header", text: "\"family\",\"month\",\"quantity\"\nw,2026-11,1\n"),
        Accepted(label: "blank lines", text: "family,month,quantity\n\nwidgets,2026-11,120\n\n"),
        Accepted(label: "empty fields", text: "family,month,quantity\nwidgets,,\n"),
        Accepted(label: "UTF-8 byte order mark (Excel's CSV UTF-8)", text: "\u{FEFF}family,month,quantity\nwidgets,2026-11,120\n"),
        Accepted(label: "non-ASCII values", text: "family,month,quantity\nGerät ü,2026-11,120\n"),
    ]

    @Test(arguments: accepted)
    func acceptedFiles(_ t: Accepted) {
        let r = refusal(t.text)
        #expect(r == nil, "\(r?.description ?? "")")
    }

    @Test func aMissingHeaderColumnIsNamed() throws {
        let r = try #require(refusal("family,month,qty\nw,2026-11,1\n"))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("line 1"))
        #expect(r.message.contains("column quantity"))
        #expect(r.message.contains("qty"), "says what the header has")
    }

    @Test func everyMissingColumnIsNamed() throws {
        let r = try #require(refusal("family\nw\n"))
        #expect(r.message.contains("columns month and quantity"))
    }

    @Test func noRequiredColumnsStillNeedsAHeaderAndData() throws {
        #expect(refusal("anything\nvalue\n", columns: []) == nil)
        #expect(refusal("", columns: [])?.message.contains("empty") == true)
        #expect(refusal("anything\n", columns: [])?.message.contains("no data rows") == true)
    }

    @Test(arguments: ["", "\n", "\r\n"])
    func anEmptyFileIsRefused(text: String) throws {
        let r = try #require(refusal(text))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("plan.csv is empty"))
    }

    @Test func aFileThatIsNotUTF8IsRefusedNamingTheLine() throws {
        var bytes = Data("family,month,quantity\nwidgets,2026-11,1\n".utf8)
        bytes.append(contentsOf: [0x67, 0xE4, 0x64, 0x67, 0x65, 0x74, 0x2C, 0x31, 0x2C, 0x32, 0x0A])  // Latin-1 "gädget,1,2"
        let r = try #require(refusal(bytes))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("not UTF-8"))
        #expect(r.message.contains("line 3"))
    }

    @Test func aRaggedRowNamesItsLine() throws {
        let r = try #require(refusal("family,month,quantity\nwidgets,2026-11,120\ngadgets,2026-11\n"))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("line 3"))
        #expect(r.message.contains("2 fields where the header has 3"))
        let long = try #require(refusal("family,month,quantity\nwidgets,2026-11,120,extra\n"))
        #expect(long.message.contains("line 2"))
        #expect(long.message.contains("4 fields"))
    }

    @Test func lineNumbersCountLineBreaksInsideQuotes() throws {
        let r = try #require(refusal("family,month,quantity\n\"multi\nline\",2026-11,1\nshort,row\n"))
        #expect(r.message.contains("line 4"), "\(r.message)")
    }

    @Test(arguments: ["family,month,quantity\n", "family,month,quantity\n\n\n", "family,month,quantity"])
    func aHeaderWithoutDataRowsIsRefused(text: String) throws {
        let r = try #require(refusal(text))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("header but no data rows"))
    }

    @Test func anUnclosedQuoteIsRefusedNamingWhereItOpened() throws {
        let r = try #require(refusal("family,month,quantity\nw,2026-11,1\n\"never closed,2026-11,1\nmore\n"))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("line 3"))
        #expect(r.message.contains("never closed"))
    }

    @Test func aQuoteInsideAnUnquotedFieldIsRefused() throws {
        let r = try #require(refusal("family,month,quantity\nwid\"get,2026-11,1\n"))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("line 2"))
        #expect(r.message.contains("a quote inside an unquoted field"), "\(r.message)")
    }

    /// Balanced, so no "never closed" refusal would catch it if this rule were missing.
    @Test func aBalancedQuoteInsideAnUnquotedFieldIsRefusedWithItsOwnMessage() throws {
        let r = try #require(refusal("family,month,quantity\nwid\"get\",2026-11,1\n"))
        #expect(r.rule == .inputFormat)
        #expect(r.message.contains("line 2"))
        #expect(r.message.contains("a quote inside an unquoted field"), "\(r.message)")
        #expect(!r.message.contains("never closed"))
    }

    /// The same checks run when a CSV input is submitted, and a refusal changes nothing.
    @Test func submitRunsTheCSVCheck() throws {
        var c = try Cycle()
        try c.completeGather()
        let ragged = c.refusal(.file("demand", "forecast", "family,month,quantity\nw,2026-11\n", name: "nov.csv"), as: "dan")
        #expect(ragged?.rule == .inputFormat)
        #expect(ragged?.message.contains("nov.csv line 2") == true)
        let header = c.refusal(.file("demand", "forecast", "Family,Month\nw,2026-11\n"), as: "dan")
        #expect(header?.message.contains("quantity") == true)
        let empty = c.refusal(.fileBytes("demand", "forecast", Data()), as: "dan")
        #expect(empty?.message.contains("empty") == true)
        try c.run(.file("demand", "forecast", "\"Family \",\" month\",QUANTITY\n\"a, b\",2026-11,\"1\n\"\n"), as: "dan")
        #expect(c.state.record("demand").inputs["forecast"]?.version == 1)
    }
}
