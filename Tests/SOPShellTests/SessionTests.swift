import Foundation
import Testing
@testable import SOPShell
import SOPCore
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

@Suite struct SessionTests {
    @Test func refusalsChangeNothingAndSayHowToFix() throws {
        let session = try novemberSession(actor: "sam")
        let before = try eventCount(session)
        for line in ["waive product-review --reason x", "cycle close", "signoff data-gathering", "submit nowhere x --note y"] {
            do {
                _ = try session.run(line: line)
                Issue.record("\(line) should be refused")
            } catch {
                #expect(error.exitCode == 1, "\(line)")
                #expect(error.description.contains("("), "\(line): \(error.description)")
            }
        }
        #expect(try eventCount(session) == before)
    }

    @Test func commandLineOnlyCommandsAreUsageErrorsInsideASession() throws {
        let session = try novemberSession()
        #expect(throws: ShellError.self) { try session.run(line: "play x.sop") }
        do { _ = try session.run(line: "init") } catch { #expect(error.exitCode == 2) }
    }

    @Test func asSwitchesTheActorAndTheRulesFollow() throws {
        let session = try novemberSession()
        _ = try session.run(line: "as dan")
        #expect(session.actorID == "dan")
        #expect(session.prompt == "sop 2026-11 dan> ")
        // dan may submit data-gathering inputs, but a CSV input takes a file, not a note.
        #expect(throws: ShellError.self) { try session.run(line: "submit data-gathering sales-actuals --note x") }
        _ = try session.run(line: "as priya")
        // priya holds no data-gathering role at all.
        do {
            _ = try session.run(line: "submit data-gathering sales-actuals --note x")
            Issue.record("priya may not submit data-gathering inputs")
        } catch {
            #expect(error.description.contains("priya may not submit data-gathering inputs"))
        }
    }

    @Test func acknowledgementNamesStaleSignoffsDownstream() throws {
        let session = try novemberSession(actor: "maria")
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("sop-\(UUID().uuidString).csv")
        try Data("Product Family,Period,Units Shipped\nx,2026-11,1\n".utf8).write(to: csv)
        let inventory = FileManager.default.temporaryDirectory.appendingPathComponent("sop-\(UUID().uuidString).csv")
        try Data("Family,On Hand\nx,1\n".utf8).write(to: inventory)
        defer {
            try? FileManager.default.removeItem(at: csv)
            try? FileManager.default.removeItem(at: inventory)
        }
        for line in [
            "submit data-gathering sales-actuals \(csv.path)", "submit data-gathering inventory-snapshot \(inventory.path)",
            "as dan", "signoff data-gathering",
        ] { _ = try session.run(line: line) }
        try Data("Product Family,Period,Units Shipped\nx,2026-11,2\n".utf8).write(to: csv)  // corrected: a new version
        let reply = try session.run(line: "submit data-gathering sales-actuals \(csv.path)")
        #expect(reply.text.contains("resubmitted data-gathering sales-actuals version 2"))
        #expect(reply.text.contains("data-gathering: done -> review"))
        #expect(reply.text.contains("sign-off demand by dan is now stale"))
    }
}

@Suite struct DatabaseSetupTests {
    @Test func aTeamWithoutALeaderIsRefused() throws {
        let team = "team:\n  - { id: sam, name: Sam, roles: [sponsor] }\n"
        do {
            _ = try DatabaseSetup.starter(workflowText: BundledFiles.monthlyWorkflow, workflowName: "w.yaml", teamText: team, teamName: "t.yaml")
            Issue.record("a team without a leader must be refused")
        } catch {
            #expect(error.description.contains("t.yaml:1:1: error: nobody on the team holds the leader role"))
        }
    }

    @Test func aTeamWithUnknownRolesIsRefusedWithItsPosition() throws {
        let team = "team:\n  - { id: maria, name: Maria, roles: [leader, chief] }\n"
        do {
            _ = try DatabaseSetup.starter(workflowText: BundledFiles.monthlyWorkflow, workflowName: "w.yaml", teamText: team, teamName: "t.yaml")
            Issue.record("an unknown role must be refused")
        } catch {
            #expect(error.description.contains("t.yaml:2:"))
            #expect(error.description.contains("chief"))
        }
    }

    @Test func theBundledStarterIsValid() throws {
        let starter = try DatabaseSetup.bundledStarter()
        #expect(starter.workflow.workflow.id == "monthly-sop")
        #expect(starter.workflow.workflow.stages.map(\.id) == [
            "data-gathering", "product-review", "demand-review", "supply-review",
            "financial-review", "pre-sop", "executive-sop", "execution",
        ])
        #expect(!starter.team.holders(of: "leader").isEmpty)
    }
}

@Suite struct ASessionLeavesACycleItCancelled {
    @Test func theNextCommandActsOnTheDefaultCycle() throws {
        let session = try novemberSession(actor: "maria")
        _ = try session.run(line: "cycle open 2030-01 --force")
        #expect(session.pinnedCycle == "2030-01")
        _ = try session.run(line: "cycle cancel --reason typo")
        #expect(session.pinnedCycle == nil)
        let status = try session.run(line: "status")
        #expect(status.text.hasPrefix("Cycle 2026-11 "), "\(status.text)")
    }
}
