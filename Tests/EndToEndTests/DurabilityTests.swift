import Foundation
import Testing

/// State lives in the database file: it survives processes, and concurrent processes serialize.
@Suite struct DurabilityTests {
    @Test func stateSurvivesAcrossProcesses() throws {
        let box = try Sandbox()
        try box.ok(["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals])
        try box.ok(["--as", "dan", "submit", "data-gathering", "inventory-snapshot", Sample.inventory])
        let status = try box.ok(["--json", "status", "data-gathering"])
        let json = try #require(try status.json() as? [String: Any])
        #expect(json["state"] as? String == "review")
        #expect(json["missingInputs"] as? [String] == [])
        let log = try box.ok(["log"])
        #expect(log.out.contains("sales-actuals.csv") && log.out.contains("inventory-snapshot.csv"), "\(log)")
    }

    @Test func twoProcessesAppendingConcurrentlyLoseNothing() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        let before = try box.eventCount()
        let perProcess = 30
        let scripts = [
            ["as priya"] + (1...perProcess).map { "submit product-review portfolio-changes --note \"priya change \($0)\"" },
            ["as sofia"] + (1...perProcess).map { "submit demand-review demand-assumptions --note \"sofia assumption \($0)\"" },
        ]
        let started = try scripts.map { lines -> (Process, URL, URL) in
            let launched = try box.process([], stdin: lines.joined(separator: "\n") + "\n", env: [:], db: true)
            try launched.0.run()
            return launched
        }
        let outcomes = try started.map { try Sandbox.collect($0.0, $0.1, $0.2) }
        for outcome in outcomes {
            #expect(outcome.code == 0, "\(outcome)")
            #expect(outcome.err.isEmpty, "\(outcome)")
        }
        #expect(try box.eventCount() == before + 2 * perProcess)
        // Each input's versions ran 1...30 with no gaps or repeats: every process decided on fresh state.
        let status = try box.ok(["--json", "status", "product-review"])
        let inputs = try #require((try status.json() as? [String: Any])?["inputs"] as? [[String: Any]])
        #expect(inputs.first { $0["id"] as? String == "portfolio-changes" }?["version"] as? Int == perProcess)
        let demand = try box.ok(["--json", "log", "--stage", "demand-review"])
        let entries = try #require(try demand.json() as? [[String: Any]])
        #expect(entries.count == perProcess)
        let summaries = entries.compactMap { $0["summary"] as? String }
        for n in 1...perProcess {
            #expect(summaries.contains { $0.contains("version \(n):") }, "version \(n) of demand-assumptions")
        }
        let seqs = entries.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
    }
}
