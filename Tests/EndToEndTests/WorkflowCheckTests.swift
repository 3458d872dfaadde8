import Foundation
import Testing

/// `sop workflow check`: a one-line summary for a valid file, every problem as FILE:LINE:COL: error:.
@Suite struct WorkflowCheckTests {
    static let workflows: [String] = (try? Package.files(in: "Workflows", ext: "yaml")) ?? []

    @Test func thereAreWorkflowFiles() {
        #expect(Self.workflows.count >= 3, "monthly-sop.yaml, six-step.yaml, team.yaml")
    }

    @Test(arguments: workflows)
    func everyBundledFileChecksClean(file: String) throws {
        let box = try Sandbox()
        let result = try box.run(["workflow", "check", file])
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        #expect(result.outLines.count == 1, "a one-line summary: \(result)")
        #expect(result.out.hasPrefix(file + ": "), "\(result)")
        #expect(!box.databaseExists, "checking files does not create a database")
    }

    static let broken = """
        workflow: broken
        title: Broken
        roles:
          leader: Leader
          sponsor: Sponsor
          demand: Demand planner
        stages:
          - id: gather
            title: Gather
            owner: nobody
            signoffs: [demand]
          - id: gather
            title: Gather again
            owner: demand
            after: [missing-stage]
            due: 0
            signoffs: [demand]
            colour: blue
        """

    @Test func aBrokenFileListsEveryProblemWithItsPosition() throws {
        let box = try Sandbox()
        let file = try box.write("broken.yaml", Self.broken)
        let result = try box.run(["workflow", "check", file])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        let pattern = #/^(.+):(\d+):(\d+): error: .+$/#
        let lines = result.errLines
        #expect(lines.count >= 4, "several problems: \(result)")
        for line in lines {
            let match = try #require(line.wholeMatch(of: pattern), "FILE:LINE:COL: error: \(line)")
            #expect(String(match.1) == file)
        }
        let positions = lines.compactMap { $0.wholeMatch(of: pattern).map { Int($0.2) ?? 0 } }
        #expect(positions.contains(10), "the unknown owner role on line 10: \(result)")
        #expect(positions.contains(15), "the unknown stage in after on line 15: \(result)")
        #expect(positions.contains(18), "the unknown key on line 18: \(result)")
    }

    @Test func checkingSeveralFilesReportsEachAndFailsIfAnyIsBroken() throws {
        let box = try Sandbox()
        let good = Package.path("Workflows/monthly-sop.yaml")
        let bad = try box.write("broken.yaml", Self.broken)
        let result = try box.run(["workflow", "check", good, bad])
        #expect(result.code == 1, "\(result)")
        #expect(result.outLines.count == 1 && result.out.hasPrefix(good), "\(result)")
        #expect(result.errLines.allSatisfy { $0.hasPrefix(bad + ":") }, "\(result)")
    }

    @Test func aMissingFileIsAnError() throws {
        let box = try Sandbox()
        let result = try box.run(["workflow", "check", box.path("none.yaml")])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.hasPrefix("error: "), "\(result)")
    }
}
