import Foundation
import SOPCore
import SOPStore
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// Every table the REPL prints is laid out by `TextTable` within the terminal's width: a long last
/// cell wraps onto indented lines instead of running past the edge.
@Suite struct EveryTableTheREPLPrintsFitsTheTerminalsWidth {
    static let long = "Run a Saturday overtime shift on line 2 through December so the promotion volume ships on time without air freight"

    /// A cycle with a long proposal, decision, action and note, seen through a terminal `width` wide.
    static func session(width: Int) throws -> Session {
        let session = try CalendarTextTests.session(opening: "2026-11-02T09:00:00Z")
        try CalendarTextTests.at(
            session, "2026-11-03T09:00:00Z",
            "propose \"\(long)\"",
            "as sam", "decide P-1 \"\(long)\" --rationale \"\(long)\"",
            "action add \"\(long)\" --owner omar --due 2026-11-20",
            "as maria", "waive data-gathering --reason \"\(long)\"",
            "as priya", "submit product-review portfolio-changes --note \"\(long)\"",
            "submit product-review portfolio-changes --note \"\(long) again\"")
        session.terminalWidth = width
        return session
    }

    /// Each command, and whether a sentence stands over its table (the terminal wraps a sentence).
    static let commands = [
        ("cycle list", false), ("log", false), ("proposals", true), ("decisions", true), ("actions", true), ("team", false),
        ("show product-review portfolio-changes --history", true),
    ]

    @Test(arguments: [60, 80])
    func aLongLastCellWrapsWithinTheWidth(width: Int) throws {
        let session = try Self.session(width: width)
        for (command, sentence) in Self.commands {
            let lines = try session.run(line: command).text.split(separator: "\n").dropFirst(sentence ? 1 : 0)
            let wide = lines.filter { $0.count > width }.map(String.init)
            #expect(wide.isEmpty, "\(command) at \(width): \(wide)")
        }
    }

    /// Seven figure columns need 72 columns: `metrics` fits 80 (and wraps its summary lines within it).
    @Test func metricsFitEightyColumns() throws {
        let session = try Self.session(width: 80)
        let wide = try session.run(line: "metrics").text.split(separator: "\n").filter { $0.count > 80 }.map(String.init)
        #expect(wide.isEmpty, "\(wide)")
    }

    @Test func theWrappedTextKeepsEveryWord() throws {
        let session = try Self.session(width: 60)
        let text = try session.run(line: "proposals").text
        #expect(text.split(separator: "\n").count > 3)
        #expect(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(Self.long))
    }

    @Test func aWideTerminalKeepsEachRowOnOneLine() throws {
        let session = try Self.session(width: 400)
        let rows = try session.run(line: "actions").text.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.last?.hasSuffix(Self.long) == true)
    }

    @Test func theRefusedAttemptsTableWrapsToo() {
        let attempt = RefusedAttempt(
            time: Date(timeIntervalSince1970: 1_800_000_000), account: "dan", actor: "dan", command: "waive gather --reason x",
            rule: "permission", message: Self.long)
        let text = AccessLogText.reply([attempt], width: 80).text
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(text)")
        #expect(text.split(separator: "\n").count > 2)
    }

    @Test func escalationsAndTheInboxWrapWithinTheWidth() throws {
        let session = try CalendarTextTests.session(opening: "2026-11-02T09:00:00Z")
        // Far past every due day: the ladders raise escalations and notify their people.
        try CalendarTextTests.at(session, "2026-11-27T09:00:00Z", "escalate")
        session.terminalWidth = 60
        let list = try session.run(line: "escalations --all").text
        #expect(list.split(separator: "\n").count > 2, "\(list)")
        #expect(list.split(separator: "\n").allSatisfy { $0.count <= 60 }, "\(list)")
        // The sentence over the inbox is the terminal's to wrap; its table is laid out within the width.
        let inbox = try session.run(line: "inbox --all").text.split(separator: "\n").dropFirst()
        #expect(inbox.count > 2, "\(inbox)")
        #expect(inbox.allSatisfy { $0.count <= 60 }, "\(inbox)")
    }
}

/// Outside the REPL there is no terminal to fit: a script grepping `sop actions` gets each row whole.
@Suite struct OutsideTheREPLATableRowStaysOnOneLine {
    @Test func noTerminalWidthMeansNoWrapping() throws {
        let session = try EveryTableTheREPLPrintsFitsTheTerminalsWidth.session(width: 60)
        session.terminalWidth = nil
        for command in ["proposals", "decisions", "actions", "log"] {
            let text = try session.run(line: command).text
            #expect(text.split(separator: "\n").contains { $0.count > 80 }, "\(command): \(text)")
        }
        #expect(try session.run(line: "actions").text.split(separator: "\n").last?.hasSuffix(EveryTableTheREPLPrintsFitsTheTerminalsWidth.long) == true)
    }
}

/// Any column may wrap, not only the last: the prose column gives way first, then the widest other
/// column, each down to its longest word; rows keep their columns aligned over their lines.
@Suite struct EveryColumnOfATableMayWrap {
    @Test func aLongMiddleCellWrapsInItsOwnColumn() {
        var table = TextTable(["ID", "DECISION", "OWNER"], width: 40)
        table.add(["D-1", "Run a Saturday overtime shift on line 2 through December", "omar"])
        table.add(["D-2", "Hold", "sam"])
        let lines = table.rendered.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines.count > 3, "the long decision takes several lines: \(lines)")
        // The owner column starts at the same place on every row that has one.
        let owner = lines[0].range(of: "OWNER").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) }
        #expect(lines.filter { $0.hasSuffix("omar") || $0.hasSuffix("sam") }.allSatisfy { line in
            line.count - (line.hasSuffix("omar") ? 4 : 3) == owner
        }, "\(lines)")
        // Read down the column: every word of the decision, in order (the owner sits on its first line).
        let words = lines.joined(separator: " ").split(separator: " ").filter { $0 != "omar" }.joined(separator: " ")
        #expect(words.contains("Run a Saturday overtime shift on line 2 through"), "\(lines)")
    }

    @Test func headersWrapBetweenWordsWhenFiguresNeedTheRoom() throws {
        let session = try EveryTableTheREPLPrintsFitsTheTerminalsWidth.session(width: 60)
        let text = try session.run(line: "metrics").text
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(text)")
        #expect(text.contains("MEDIAN") && text.contains("SIGN-OFF"), "\(text)")
    }

    @Test func aTableThatFitsIsLeftAlone() {
        var table = TextTable(["ID", "WHAT"], width: 80)
        table.add(["A-1", "short"])
        #expect(table.rendered == "ID   WHAT\nA-1  short")
    }

    @Test func tooNarrowForTheColumnsPutsTheLastCellUnderItsRow() {
        var table = TextTable(["IDENTIFIER", "ANOTHER-LONG-WORD", "WHAT"], width: 30)
        table.add(["A-1", "x", "a sentence that needs more room than is left here"])
        let lines = table.rendered.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("    a sentence") }, "\(lines)")
    }

    @Test func openActionsUnderStatusWrapWithinTheWidth() throws {
        let session = try EveryTableTheREPLPrintsFitsTheTerminalsWidth.session(width: 60)
        let text = try session.run(line: "status").text
        let actions = text.components(separatedBy: "Open actions").last ?? ""
        #expect(text.contains("Open actions"), "\(text)")
        #expect(actions.split(separator: "\n").allSatisfy { $0.count <= 60 }, "\(text)")
        #expect(actions.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  ") }, "\(text)")
    }
}
