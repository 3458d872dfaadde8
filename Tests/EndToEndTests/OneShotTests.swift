import Foundation
import Testing

/// Every REPL command of the command table runs as a one-shot `sop COMMAND ...`.
@Suite struct OneShotTests {
    /// Runs a one-shot command that must succeed and print something containing each phrase.
    @discardableResult
    func expectOK(_ box: Sandbox, _ args: [String], _ phrases: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let result = try box.ok(args, sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(result.out.contains(phrase), "sop \(args.joined(separator: " ")) prints \(phrase): \(result)", sourceLocation: sourceLocation)
        }
        return result
    }

    @Test func sessionCommands() throws {
        let box = try Sandbox()
        try expectOK(box, ["help"], ["submit", "signoff", "cycle open", "quit"])
        try expectOK(box, ["help", "submit"], ["submit STAGE INPUT"])
        try expectOK(box, ["help", "cycle", "open"], ["cycle open"])
        try expectOK(box, ["--as", "dan", "whoami"], ["dan", "Dan Kowalski", "demand", "2026-11"])
        try expectOK(box, ["whoami"], ["Nobody"])
        try expectOK(box, ["team"], ["maria", "Maria Lopez", "leader", "fiona"])
        try expectOK(box, ["--as", "maria", "as", "dan"], ["dan"])
        let quit = try expectOK(box, ["quit"])
        #expect(quit.out.isEmpty)
        try expectOK(box, ["exit"])
        #expect(try box.eventCount() == 1, "session commands record nothing")
    }

    @Test func cycleCommands() throws {
        let box = try Sandbox()
        try expectOK(box, ["cycle", "list"], ["2026-11", "monthly-sop", "open"])
        try expectOK(box, ["--as", "maria", "cycle", "open", "2026-12"], ["2026-12"])
        try expectOK(box, ["cycle", "use", "2026-11"], ["2026-11"])
        // Close December: the leader waives every stage, then closes.
        var lines = ["as maria", "cycle use 2026-12"]
        lines += try Package.stageIDs(ofWorkflow: "Workflows/monthly-sop.yaml").map { "waive \($0) --reason \"skip December\"" }
        try box.batch(lines)
        try expectOK(box, ["--as", "maria", "--cycle", "2026-12", "cycle", "close"], ["2026-12"])
        let list = try expectOK(box, ["--json", "cycle", "list"])
        let cycles = try #require(try list.json() as? [[String: Any]])
        #expect(cycles.compactMap { $0["id"] as? String } == ["2026-11", "2026-12"])
        #expect(cycles.compactMap { $0["state"] as? String } == ["open", "closed"])
        // With December closed, commands act on the most recent open cycle again.
        try expectOK(box, ["status"], ["Cycle 2026-11"])
        // A closed cycle takes no more changes.
        let late = try box.run(["--as", "maria", "--cycle", "2026-12", "waive", "execution", "--reason", "again"])
        #expect(late.code == 1, "\(late)")
    }

    @Test func readinessAndStageCommands() throws {
        let box = try Sandbox()
        let forecast = try box.write("forecast.csv", "family,month,quantity\noutdoor,2026-12,13000\n")
        try expectOK(box, ["status"], ["data-gathering", "open"])
        try expectOK(box, ["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals], ["sales-actuals"])
        try expectOK(box, ["--as", "dan", "submit", "data-gathering", "inventory-snapshot", Sample.inventory], ["review"])
        try expectOK(box, ["status", "data-gathering"], ["sales-actuals", "inventory-snapshot"])
        try expectOK(box, ["why", "data-gathering"], ["data-gathering", "demand"])
        try expectOK(box, ["--as", "dan", "signoff", "data-gathering", "--comment", "Reconciled with the ERP"], ["done"])
        try expectOK(box, ["--as", "priya", "submit", "product-review", "portfolio-changes", "--note", "X200 launches in January"], ["portfolio-changes"])
        try expectOK(box, ["--as", "priya", "submit", "product-review", "npi-calendar", "--link", "https://plm.example.com/npi"], ["npi-calendar"])
        try expectOK(box, ["--as", "maria", "reject", "product-review", "--input", "npi-calendar", "--reason", "Last year's calendar"], ["product-review"])
        try expectOK(box, ["--as", "maria", "waive", "product-review", "--reason", "No portfolio changes"], ["waived"])
        try expectOK(box, ["--as", "dan", "submit", "demand-review", "unconstrained-forecast", "forecast.csv"], ["unconstrained-forecast"])
        #expect(FileManager.default.fileExists(atPath: forecast))
        try expectOK(box, ["log"], ["sales-actuals", "signed off", "waived"])
        let byStage = try expectOK(box, ["log", "--stage", "product-review"], ["portfolio-changes"])
        #expect(!byStage.out.contains("sales-actuals"), "only the stage's events: \(byStage)")
        let newest = try expectOK(box, ["--json", "log", "--limit", "2"])
        let entries = try #require(try newest.json() as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries.compactMap { $0["seq"] as? Int } == [8, 9])
    }

    /// Every command that reports something prints parseable JSON with `--json`.
    @Test func jsonOutputParses() throws {
        let box = try Sandbox()
        let cases: [(args: [String], check: @Sendable (Any) -> Bool)] = [
            (["--as", "dan", "--json", "whoami"], { (($0 as? [String: Any])?["participant"] as? [String: Any])?["id"] as? String == "dan" }),
            (["--json", "team"], { ($0 as? [[String: Any]])?.count == 8 }),
            (["--json", "cycle", "list"], { ($0 as? [[String: Any]])?.first?["id"] as? String == "2026-11" }),
            (["--json", "status"], { ($0 as? [String: Any])?["cycle"] as? String == "2026-11" }),
            (["--json", "status", "data-gathering"], { ($0 as? [String: Any])?["id"] as? String == "data-gathering" }),
            (["--json", "why", "demand-review"], { ($0 as? [String: Any])?["stage"] as? String == "demand-review" }),
            (["--json", "log"], { ($0 as? [[String: Any]])?.first?["type"] as? String == "cycle-opened" }),
            (["--as", "dan", "--json", "submit", "data-gathering", "sales-actuals", Sample.salesActuals], {
                (($0 as? [String: Any])?["events"] as? [[String: Any]])?.first?["type"] as? String == "input-submitted"
            }),
            (["--as", "dan", "--json", "submit", "data-gathering", "inventory-snapshot", Sample.inventory], { $0 is [String: Any] }),
            (["--as", "dan", "--json", "signoff", "data-gathering"], { $0 is [String: Any] }),
            (["--as", "maria", "--json", "waive", "product-review", "--reason", "none"], { $0 is [String: Any] }),
            (["--as", "maria", "--json", "cycle", "open", "2026-12"], { $0 is [String: Any] }),
        ]
        for (args, check) in cases {
            let result = try box.ok(args)
            let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8))
            #expect(check(json), "sop \(args.joined(separator: " ")): \(result)")
        }
    }

    /// `submit --note` text stays intact when it holds `--json`: the flag is only taken before the command.
    @Test func aNoteMayContainTheWordJson() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        let result = try box.ok(["--as", "priya", "submit", "product-review", "portfolio-changes", "--note", "--json"])
        #expect(!result.out.hasPrefix("{"), "not JSON output: \(result)")
        let log = try box.ok(["--json", "log", "--limit", "1"])
        let entries = try #require(try log.json() as? [[String: Any]])
        #expect((entries.first?["summary"] as? String)?.contains("--json") == true, "\(log)")
    }
}
