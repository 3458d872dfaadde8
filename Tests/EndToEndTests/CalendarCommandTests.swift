import Foundation
import Testing

/// `sop calendar` through the built binary: stdout here is a file, never a terminal, so no colour.
@Suite struct CalendarCommandTests {
    @Test func plainCalendarHasNoEscapeBytesAndFitsEightyColumns() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        let result = try box.ok(["calendar"])
        #expect(!result.out.contains("\u{1B}"), "\(result)")
        #expect(result.out.hasPrefix("Cycle 2026-11 · monthly-sop · today 2026-11-05 (workday 4 of 21)"))
        #expect(result.outLines.contains { $0.hasPrefix("data-gathering ") && $0.hasSuffix("2 late") })
        for line in result.outLines { #expect(line.count <= 80, "too wide: \(line)") }
        // A colour-capable TERM is not enough: only a terminal on stdout turns colour on.
        #expect(!(try box.ok(["calendar"], env: ["TERM": "xterm-256color"]).out.contains("\u{1B}")))
    }

    @Test func jsonCalendarParses() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        for args in [["--json", "calendar"], ["calendar", "--json"]] {
            let object = try #require(try box.ok(args).json() as? [String: Any])
            #expect(object["cycle"] as? String == "2026-11")
            #expect(object["today"] as? String == "2026-11-05")
            #expect((object["workdays"] as? [String])?.count == 21)
            let stages = try #require(object["stages"] as? [[String: Any]])
            #expect(stages.map { $0["id"] as? String } == (try Package.stageIDs(ofWorkflow: "Workflows/monthly-sop.yaml")))
            let first = try #require(stages.first)
            #expect(first["state"] as? String == "done")
            #expect(first["due"] as? String == "2026-11-03")
            #expect(first["completedOn"] as? String == "2026-11-05")
            #expect(first["workdaysLate"] as? Int == 2)
        }
    }
}
