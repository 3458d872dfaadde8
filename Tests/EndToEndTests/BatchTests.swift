import Foundation
import Testing

/// No COMMAND and stdin not a terminal: one command per line, no prompt, stop at the first failure.
@Suite struct BatchTests {
    @Test func pipedLinesRunInOrderWithoutAPrompt() throws {
        let box = try Sandbox()
        let result = try box.batch([
            "# a comment, then a blank line",
            "",
            "as dan",
            "whoami",
            "submit data-gathering sales-actuals \(Sample.salesActuals)",
            "  submit data-gathering inventory-snapshot \"\(Sample.inventory)\"  ",
            "status data-gathering",
        ])
        #expect(!result.out.contains("sop 2026-11"), "no REPL prompt (`sop CYCLE ACTOR> `): \(result)")
        #expect(result.out.contains("dan (Dan Kowalski)"))
        #expect(try box.eventCount() == 3)
        let status = try box.ok(["--json", "status", "data-gathering"])
        #expect((try status.json() as? [String: Any])?["state"] as? String == "review")
    }

    struct Stop: Sendable, CustomTestStringConvertible {
        var name: String
        var failing: String
        var code: Int32
        var testDescription: String { name }
    }

    @Test(arguments: [
        Stop(name: "a refusal", failing: "signoff demand-review", code: 1),
        Stop(name: "a usage error", failing: "submit data-gathering", code: 2),
        Stop(name: "an unknown command", failing: "frobnicate now", code: 2),
        Stop(name: "an unclosed quote", failing: "submit product-review portfolio-changes --note \"open", code: 2),
    ])
    func batchStopsAtTheFirstFailingCommandWithItsExitCode(_ stop: Stop) throws {
        let box = try Sandbox()
        let lines = [
            "as dan",
            "submit data-gathering sales-actuals \(Sample.salesActuals)",
            stop.failing,
            "submit data-gathering inventory-snapshot \(Sample.inventory)",
            "signoff data-gathering",
        ]
        let result = try box.run([], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.code == stop.code, "\(result)")
        #expect(result.errLines.count == 1, "\(result)")
        let line = try #require(result.errLines.first)
        #expect(line.hasPrefix("error: "), "\(result)")
        #expect(line.contains("line 3"), "names the failing line: \(result)")
        #expect(line.hasSuffix(")"), "ends with the fix: \(result)")
        #expect(try box.eventCount() == 2, "the opening and line 2 only; lines after the failure did not run")
    }

    @Test func quitEndsTheBatch() throws {
        let box = try Sandbox()
        try box.batch(["as dan", "submit data-gathering sales-actuals \(Sample.salesActuals)", "quit", "submit data-gathering inventory-snapshot \(Sample.inventory)"])
        #expect(try box.eventCount() == 2)
    }

    @Test func batchWithoutAnActorIsRefusedAtTheFirstCommandThatNeedsOne() throws {
        let box = try Sandbox()
        let result = try box.run([], stdin: "status\nsubmit data-gathering sales-actuals \(Sample.salesActuals)\nstatus\n")
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("--as") && result.err.contains("SOP_USER"), "\(result)")
        #expect(try box.eventCount() == 1)
    }

    @Test func batchWithJSONPrintsOneDocumentPerReportingCommand() throws {
        let box = try Sandbox()
        let result = try box.run(["--json"], stdin: "whoami\n")
        #expect(result.code == 0, "\(result)")
        #expect((try result.json() as? [String: Any])?["cycle"] as? String == "2026-11", "\(result)")
    }
}
