import Foundation
import SOPCore
import Testing
@testable import SOPApp
@testable import SOPShell

/// `expect-figure COMMAND... PATH VALUE` reads a figure out of a command's JSON, so a playbook can
/// prove its numbers.
@Suite struct APlaybookCanAssertAFigure {
    @Test func aPathIsKeysPositionsAndMatches() throws {
        #expect(try FigureCheck.steps("families[family=outdoor].months[0].gap") == [
            .key("families"), .match(key: "family", value: "outdoor"), .key("months"), .index(0), .key("gap"),
        ])
        #expect(try FigureCheck.steps("total.wmape") == [.key("total"), .key("wmape")])
        for bad in ["", "a..b", "a[", "a[x]", "a[=1]", "a]b"] {
            #expect(throws: ShellError.self, "\(bad)") { try FigureCheck.steps(bad) }
        }
    }

    @Test func aNumberMatchesAtTheDecimalsItIsWrittenWith() {
        #expect(FigureCheck.matches(NSNumber(value: 0.1249999), "0.125"))
        #expect(!FigureCheck.matches(NSNumber(value: 0.1244), "0.125"))
        #expect(FigureCheck.matches(NSNumber(value: 1200.4), "1200"))
        #expect(!FigureCheck.matches(NSNumber(value: 1200.6), "1200"))
        #expect(FigureCheck.matches(NSNumber(value: -150), "-150"))
        #expect(FigureCheck.matches(NSNull(), "null"))
        #expect(!FigureCheck.matches(NSNumber(value: 0), "null"))
        #expect(FigureCheck.matches("open" as NSString, "open"))
    }

    @Test func aFigureOfTheRecordIsCheckedAndAWrongOneFails() throws {
        let session = try CalendarTextTests.session(opening: "2026-11-02T09:00:00Z")
        try FigureCheck.check("status stages[id=data-gathering].state open", session: session)
        try FigureCheck.check("status cycle 2026-11", session: session)
        do {
            try FigureCheck.check("status stages[id=data-gathering].state done", session: session)
            Issue.record("a wrong figure passed")
        } catch {
            #expect(error.description.contains("to be done, but it is open"), "\(error.description)")
        }
        do {
            try FigureCheck.check("status stages[id=nowhere].state open", session: session)
            Issue.record("a missing figure passed")
        } catch {
            #expect(error.description.contains("no figure at stages[id=nowhere].state"), "\(error.description)")
        }
    }

    @Test func aCommandThatWritesFailsTheCheck() throws {
        let session = try CalendarTextTests.session(opening: "2026-11-02T09:00:00Z")
        _ = try session.run(line: "as maria")
        do {
            try FigureCheck.check("waive data-gathering --reason \"export late\" cycle 2026-11", session: session)
            Issue.record("a write passed as a figure")
        } catch {
            #expect(error.description.contains("changed the record; expect-figure reads figures only"), "\(error.description)")
        }
        do {
            try FigureCheck.check("status cycle", session: session)
            Issue.record("too few words passed")
        } catch {
            #expect(error.description.contains("needs a command, a path"), "\(error.description)")
        }
    }
}
