import Foundation
import SOPCore
@testable import SOPApp
@testable import SOPShell
@testable import SOPSystem
@testable import SOPText
import SOPStore
import Testing

/// `show` in a session: a file for a person at a terminal (a CSV as a table, text line by line, control
/// characters spelt out, no binary), bytes for anything else, and `--output` that never overwrites unasked.
@Suite struct ShowTests {
    static let sales = "Product Family,Period,Units Shipped\nwidgets,2026-10,1200\ngadgets \u{1B}[31m,2026-10,80\n"

    /// November with dan's sales actuals submitted, written to a temporary file first.
    static func submitted(_ text: String = sales) throws -> Session {
        let session = try novemberSession(actor: "dan")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sop-show-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try session.run(line: "submit data-gathering sales-actuals \(file.path)")
        return session
    }

    @Test func onATerminalACSVIsATableUnderAHeadingWithNumbersRightAligned() throws {
        let session = try Self.submitted()
        session.terminal = true
        let reply = try session.run(line: "show data-gathering sales-actuals")
        #expect(reply.bytes == nil, "a terminal gets the laid-out view, not the bytes")
        let lines = reply.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(reply.text)")
        #expect(lines[0].hasPrefix("data-gathering sales-actuals · version 1 of 1 · sop-show-"))
        #expect(lines[0].contains("\(Self.sales.utf8.count) bytes · sha256 \(ContentHash.sha256(Self.sales).prefix(12)) · by dan 2026-11-05 09:00Z"))
        #expect(lines[1] == "Product Family      Period   Units Shipped")
        #expect(lines[2] == "widgets             2026-10           1200")
        #expect(lines[3] == "gadgets \\u{1B}[31m  2026-10             80", "the escape sequence is spelt out, not sent to the terminal")
    }

    @Test func elsewhereTheReplyCarriesTheExactBytes() throws {
        let session = try Self.submitted()
        let reply = try session.run(line: "show data-gathering sales-actuals")
        #expect(reply.bytes == Data(Self.sales.utf8))
        #expect(reply.text.hasPrefix("data-gathering sales-actuals · version 1 of 1"), "what a playbook's transcript shows")
    }

    @Test func textIsShownLineByLineAndBinaryIsNotWrittenToATerminal() {
        #expect(ShowText.terminalView(Data("one\r\ntwo\tcols\n\u{7}bell\n".utf8), csv: false) == "one\ntwo\tcols\n\\u{7}bell")
        #expect(ShowText.terminalView(Data([0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00]), csv: false) == nil)
        #expect(ShowText.terminalView(Data([0xFF, 0xFE]), csv: true) == nil)
        // A CSV that does not read as one is shown as text rather than refused.
        #expect(ShowText.terminalView(Data("a,\"b\n".utf8), csv: true) == "a,\"b")
    }

    @Test func raggedRowsArePaddedAndAColumnWithWordsStaysLeftAligned() {
        let table = ShowText.table(header: ["item", "qty", "note"], rows: [["a", "5"], ["bb", "12", "late"], ["c", "n/a", "x"]])
        #expect(table == "item  qty  note\na     5\nbb    12   late\nc     n/a  x")
    }

    @Test func outputNeverReplacesAFileUnlessAskedAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("plan.csv").path
        try OutputFile.write(Data("v1".utf8), to: target, replacing: false)
        #expect(throws: SystemError.self) { try OutputFile.write(Data("v2".utf8), to: target, replacing: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("v1".utf8))
        try OutputFile.write(Data("v2".utf8), to: target, replacing: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("v2".utf8))
        #expect(throws: SystemError.self) { try OutputFile.write(Data(), to: folder.path, replacing: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.csv"])
    }

    @Test func readingChangesNothingAndNeedsNoActingParticipant() throws {
        let session = try Self.submitted()
        let before = try eventCount(session)
        let reader = Session(database: session.database, mode: .batch, now: session.now)
        #expect(try reader.run(line: "show data-gathering sales-actuals").bytes == Data(Self.sales.utf8))
        #expect(throws: ShellError.self) { try reader.run(line: "show data-gathering sales-actuals --version 2") }
        #expect(try eventCount(session) == before)
    }
}
