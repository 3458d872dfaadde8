import Foundation
import Testing

/// Which cycle commands act on: `--cycle`, `cycle use`, else the most recent open one.
@Suite struct CycleSelectionTests {
    @Test func cyclePicksAnotherCycle() throws {
        let box = try Sandbox()
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])
        let latest = try box.ok(["status"])
        #expect(latest.out.contains("Cycle 2026-12"), "the most recent open cycle by default: \(latest)")
        let picked = try box.ok(["--cycle", "2026-11", "status"])
        #expect(picked.out.contains("Cycle 2026-11"), "\(picked)")

        try box.ok(["--cycle", "2026-11", "--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals])
        let november = try #require(try box.ok(["--cycle", "2026-11", "--json", "log"]).json() as? [[String: Any]])
        let december = try #require(try box.ok(["--json", "log"]).json() as? [[String: Any]])
        #expect(november.count == 2, "the submission went to November")
        #expect(december.count == 1, "December only has its opening")
        let me = try #require(try box.ok(["--cycle", "2026-11", "--as", "dan", "--json", "whoami"]).json() as? [String: Any])
        #expect(me["cycle"] as? String == "2026-11")
    }

    @Test func cycleUseSwitchesTheCycleForTheRestOfABatch() throws {
        let box = try Sandbox()
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])
        let result = try box.batch(["cycle use 2026-11", "status", "as dan", "submit data-gathering sales-actuals \(Sample.salesActuals)"])
        #expect(result.out.contains("Cycle 2026-11"), "\(result)")
        let november = try #require(try box.ok(["--cycle", "2026-11", "--json", "log"]).json() as? [[String: Any]])
        #expect(november.count == 2)
    }

    @Test func cycleUseOfAMissingCycleIsRefused() throws {
        let box = try Sandbox()
        try box.ok(["status"])
        let before = try box.eventCount()
        let result = try box.run([], stdin: "cycle use 2027-01\nas maria\ncycle open 2027-02\n")
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("2027-01"), "\(result)")
        #expect(try box.eventCount() == before, "the batch stopped at the refusal")
    }
}

/// A new cycle runs on the workflow `--workflow` names, else the previous cycle's, and pins its version.
@Suite struct CycleWorkflowTests {
    @Test func aNewCycleTakesThePreviousCyclesWorkflow() throws {
        let box = try Sandbox()
        let sixStep = Package.path("Workflows/six-step.yaml")
        try box.ok(["--as", "maria", "cycle", "open", "2026-12", "--workflow", sixStep])
        try box.ok(["--as", "maria", "cycle", "open", "2027-01"])
        let list = try #require(try box.ok(["--json", "cycle", "list"]).json() as? [[String: Any]])
        #expect(list.compactMap { $0["workflow"] as? String } == ["monthly-sop", "six-step", "six-step"])
    }

    @Test func editingTheWorkflowFileDoesNotChangeARunningCycle() throws {
        let box = try Sandbox()
        let original = try String(contentsOfFile: Package.path("Workflows/six-step.yaml"), encoding: .utf8)
        let file = try box.write("mine.yaml", original)
        try box.ok(["--as", "maria", "cycle", "open", "2026-12", "--workflow", file])
        let before = try box.ok(["--cycle", "2026-12", "--json", "status"]).out
        try box.write("mine.yaml", original.replacingOccurrences(of: "title: Product portfolio review", with: "title: Renamed stage"))
        let after = try box.ok(["--cycle", "2026-12", "--json", "status"]).out
        #expect(after == before)
        #expect(!after.contains("Renamed stage"))
    }
}
