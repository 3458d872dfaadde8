import Foundation
import Testing

/// A missing database is created on first use with the bundled workflow and team, the month's cycle open.
@Suite struct FirstUseTests {
    @Test func firstUseCreatesTheDatabaseWithTheCurrentMonthsCycleOpen() throws {
        let box = try Sandbox()
        #expect(!box.databaseExists)
        let status = try box.ok(["status"])
        #expect(box.databaseExists)
        #expect(status.out.contains("Cycle 2026-11"), "\(status)")
        #expect(status.out.contains("monthly-sop"))
        for stage in try Package.stageIDs(ofWorkflow: "Workflows/monthly-sop.yaml") {
            #expect(status.out.contains(stage), "status lists \(stage)")
        }
        let list = try box.ok(["cycle", "list"])
        #expect(list.out.contains("2026-11"))
        #expect(try box.eventCount() == 1, "just the cycle-opened event")
    }

    @Test func theDefaultDatabaseIsSopDbInTheWorkingDirectoryAndSOP_DBOverridesIt() throws {
        let box = try Sandbox()
        let first = try box.run(["status"], db: false)
        #expect(first.code == 0, "\(first)")
        #expect(FileManager.default.fileExists(atPath: box.path("sop.db")))

        let viaEnv = try box.run(["status"], env: ["SOP_DB": box.path("other.db")], db: false)
        #expect(viaEnv.code == 0, "\(viaEnv)")
        #expect(FileManager.default.fileExists(atPath: box.path("other.db")))
    }

    @Test func jsonStatusHasThePinnedKeysWithStagesInWorkflowOrder() throws {
        let box = try Sandbox()
        for args in [["--json", "status"], ["status", "--json"]] {
            let result = try box.ok(args)
            let json = try #require(try result.json() as? [String: Any], "\(result)")
            #expect(json["cycle"] as? String == "2026-11")
            #expect(json["workflow"] as? String == "monthly-sop")
            #expect(json["state"] as? String == "open")
            let stages = try #require(json["stages"] as? [[String: Any]])
            #expect(stages.compactMap { $0["id"] as? String } == (try Package.stageIDs(ofWorkflow: "Workflows/monthly-sop.yaml")))
            for stage in stages {
                for key in ["id", "title", "state", "owner", "due"] {
                    #expect(stage[key] is String, "\(key) is a string in \(stage)")
                }
                #expect(stage["overdueDays"] is Int, "overdueDays in \(stage)")
                for key in ["blockedBy", "missingInputs", "missingSignoffs"] {
                    #expect(stage[key] is [String], "\(key) is a list of strings in \(stage)")
                }
                #expect(stage["staleSignoffs"] is [Any], "staleSignoffs in \(stage)")
            }
            let gathering = try #require(stages.first)
            #expect(gathering["state"] as? String == "open")
            #expect(gathering["owner"] as? String == "demand")
            #expect(gathering["due"] as? String == "2026-11-03", "the 2nd workday of November 2026")
            #expect(gathering["overdueDays"] as? Int == 2)
            #expect(gathering["blockedBy"] as? [String] == [])
            #expect(gathering["missingInputs"] as? [String] == ["sales-actuals", "inventory-snapshot"])
            #expect(gathering["missingSignoffs"] as? [String] == ["demand"])
            let product = try #require(stages.first { $0["id"] as? String == "product-review" })
            #expect(product["state"] as? String == "waiting")
            #expect(product["blockedBy"] as? [String] == ["data-gathering"])
        }
    }

    @Test func jsonStatusReportsStaleSignoffsWithWhoAndWhy() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        // A corrected extract (one more row, a family the first left out): the same bytes again would be
        // `unchanged`, and a repeated row would be refused.
        let original = try String(contentsOfFile: Sample.salesActuals, encoding: .utf8)
        let path = try box.write(
            "sales-actuals-corrected.csv", original + (original.hasSuffix("\n") ? "" : "\n") + "Patio Heaters,2026-10,120,54000\n")
        try box.ok(["--as", "lee", "submit", "data-gathering", "sales-actuals", path])
        let result = try box.ok(["--json", "status"])
        let json = try #require(try result.json() as? [String: Any])
        let stages = try #require(json["stages"] as? [[String: Any]])
        let gathering = try #require(stages.first)
        #expect(gathering["state"] as? String == "review", "a resubmission makes the sign-off stale")
        #expect(gathering["missingSignoffs"] as? [String] == ["demand"], "a stale sign-off does not count")
        let stale = try #require(gathering["staleSignoffs"] as? [[String: Any]])
        #expect(stale.count == 1)
        #expect(stale.first?["role"] as? String == "demand")
        #expect(stale.first?["by"] as? String == "dan")
        let because = try #require(stale.first?["because"] as? String)
        #expect(because.contains("sales-actuals"), "names the change: \(because)")
        // Stages downstream of a reopened stage keep their gate but list it as blocking.
        let demand = try #require(stages.first { $0["id"] as? String == "demand-review" })
        #expect(demand["blockedBy"] as? [String] == ["data-gathering"])
    }
}
