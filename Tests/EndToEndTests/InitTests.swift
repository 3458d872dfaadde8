import Foundation
import Testing

/// `sop init`: creates the database without a cycle, refuses an existing one, leaves nothing behind on failure.
@Suite struct InitTests {
    @Test func initCreatesADatabaseWithoutACycle() throws {
        let box = try Sandbox()
        let created = try box.ok(["init"])
        #expect(created.out.contains("Created"), "\(created)")
        #expect(box.databaseExists)
        #expect(try box.eventCount() == 0)
        let list = try box.ok(["--json", "cycle", "list"])
        #expect(try list.json() as? [Any] != nil)
        #expect((try list.json() as? [Any])?.isEmpty == true)
        // Without a cycle, a command that needs one is refused, saying how to open one.
        let status = try box.run(["status"])
        #expect(status.code == 1, "\(status)")
        #expect(status.errLines.count == 1 && status.errLines.allSatisfy(isErrorLine), "\(status)")
        #expect(status.err.contains("cycle open"))
        // The leader opens the first cycle.
        let opened = try box.ok(["--as", "maria", "cycle", "open"])
        #expect(opened.out.contains("2026-11"), "the current month by default: \(opened)")
        #expect(try box.eventCount() == 1)
    }

    @Test func initAgainIsRefusedAndChangesNothing() throws {
        let box = try Sandbox()
        try box.ok(["init"])
        let before = try Data(contentsOf: URL(fileURLWithPath: box.db))
        let again = try box.run(["init"])
        #expect(again.code == 1, "\(again)")
        #expect(again.out.isEmpty)
        #expect(again.errLines.count == 1 && again.errLines.allSatisfy(isErrorLine), "\(again)")
        #expect(again.err.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: box.db)) == before)
        #expect(try box.eventCount() == 0)
        // A database created on first use is refused the same way.
        let used = try Sandbox()
        try used.ok(["status"])
        let refused = try used.run(["init"])
        #expect(refused.code == 1, "\(refused)")
        #expect(try used.eventCount() == 1)
    }

    @Test func initWithAnotherWorkflowAndTeam() throws {
        let box = try Sandbox()
        let created = try box.ok(["init", "--workflow", Package.path("Workflows/six-step.yaml"), "--team", Package.path("Workflows/team.yaml")])
        #expect(created.out.contains("six-step"), "\(created)")
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"])
        let status = try box.ok(["--json", "status"])
        let json = try #require(try status.json() as? [String: Any])
        #expect(json["workflow"] as? String == "six-step")
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages.compactMap { $0["id"] as? String } == (try Package.stageIDs(ofWorkflow: "Workflows/six-step.yaml")))
    }

    static let brokenWorkflow = """
        workflow: broken
        title: Broken
        roles:
          leader: Leader
          sponsor: Sponsor
        stages:
          - id: only
            title: Only
            owner: nobody
            signoffs: [leader]
        """

    @Test(arguments: ["workflow", "team", "missing"])
    func initWithABrokenFileIsRefusedAndLeavesNoDatabase(broken: String) throws {
        let box = try Sandbox()
        var args = ["init"]
        switch broken {
        case "workflow": args += ["--workflow", try box.write("broken.yaml", Self.brokenWorkflow)]
        case "team": args += ["--team", try box.write("team.yaml", "team:\n  - { id: zed, name: Zed, roles: [astronaut] }\n")]
        default: args += ["--workflow", box.path("no-such-file.yaml")]
        }
        let result = try box.run(args)
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        #expect(result.err.hasPrefix("error: "), "\(result)")
        #expect(result.err.hasSuffix(")\n"), "ends with the fix in parentheses: \(result)")
        if broken == "workflow" { #expect(result.err.contains("broken.yaml:9:"), "names the line: \(result)") }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: box.db + suffix), "no \(box.db + suffix) left behind")
        }
    }
}
