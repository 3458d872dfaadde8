import Foundation
import Testing

/// The README's tour is pasted by newcomers: run it exactly as written and check it does what the
/// README's comments say.
@Suite struct ReadmeTourTests {
    /// Runs the first `sh` block under a README heading; returns exit status, stdout and stderr.
    static func runBlock(under heading: String, database: String) throws -> (Int32, String, String) {
        let readme = try String(contentsOf: Package.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: heading).dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-tour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The block writes /tmp/NAME.db; point it at a private folder so tests never collide. Its build
        // step is already done (and a nested `swift build` would wait for the lock `swift test` holds).
        #expect(block.hasPrefix("swift build -q --product sop\n"))
        let script = block
            .replacingOccurrences(of: "swift build -q --product sop\n", with: "")
            .replacingOccurrences(of: "/tmp/\(database)", with: folder.appendingPathComponent(database).path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = Package.root
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOP_USER")
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func theTourDoesWhatTheReadmeSays() throws {
        let (status, stdout, stderr) = try Self.runBlock(under: "## A short tour", database: "tour.db")
        #expect(status == 0, "the last tour command (`sop log`) should succeed\n\(stderr)")
        // What the comments in the tour promise:
        #expect(stdout.contains("Cycle 2026-11 · monthly-sop · open"))
        #expect(stdout.contains("dan signed off data-gathering as demand"))
        #expect(stdout.contains("product-review: waiting -> open"))
        #expect(stdout.contains("demand-review: waiting -> open"))
        #expect(stderr.contains("error: forecast-no-quantity.csv line 1: the header lacks column quantity"))
        #expect(stdout.contains("Input unconstrained-forecast has not been submitted."))
        #expect(stderr.contains("error: omar may not sign off data-gathering"))
        #expect(stdout.contains("\"cycle\" : \"2026-11\""))
        #expect(stdout.contains("TIME (UTC)         WHO     WHAT"))
        #expect(stdout.contains("2026-11-02 09:00Z  system  opened the cycle on workflow monthly-sop"))
    }

    @Test func theExecutiveTourDoesWhatTheReadmeSays() throws {
        let (status, stdout, stderr) = try Self.runBlock(under: "## The executive meeting", database: "exec.db")
        #expect(status == 0, "the last command (`sop help permissions`) should succeed\n\(stderr)")
        #expect(stdout.contains("maria raised P-1: Close the 700-unit outdoor gap in December"))
        #expect(stdout.contains("omar raised P-2"))
        #expect(stderr.contains("error: sofia may not raise a decision request"))
        #expect(stdout.contains("Proposals of cycle 2026-11: 2 open."))
        #expect(stderr.contains("error: maria may not record a decision: only the sponsor"))
        #expect(stdout.contains("sam recorded D-1 on P-1"))
        #expect(stdout.contains("sam deferred P-2 to 2027-01"))
        #expect(stdout.contains("sam added A-1 for omar, due 2026-11-27"))
        #expect(stdout.contains("sam recorded D-2 on P-1, superseding D-1"))
        #expect(stdout.contains("SUPERSEDED by D-2"))
        #expect(stdout.contains("Actions of cycle 2026-11: 1 open, 0 overdue."))
        #expect(stdout.contains("\"openActions\" : 1"))
        #expect(stdout.contains("\"openProposals\" : 0"))
        #expect(stdout.contains("# Executive S&OP agenda"))
        #expect(stdout.contains("| `decide` |") == false, "help permissions prints the terminal table, not Markdown")
        #expect(stdout.contains("action reassign"))
    }

    @Test func thePlanTourDoesWhatTheReadmeSays() throws {
        let (status, stdout, stderr) = try Self.runBlock(under: "## The plan in numbers", database: "plans.db")
        #expect(status == 0, "the last command (`sop --json accuracy`) should succeed\n\(stderr)")
        #expect(stdout.contains("plan-history.sop: 179 commands, 19 checks passed"), "\(stdout)")
        #expect(stdout.contains("demand  Lounge  2026-12  1701    2101   +400"), "\(stdout)")
        #expect(stdout.contains("supply  Lounge  2026-12  1500    2101   +601"), "\(stdout)")
        #expect(stdout.contains("by D-4"), "\(stdout)")
        #expect(stdout.contains("Largest shortage  151       0"), "\(stdout)")
        #expect(stdout.contains("Forecast accuracy at lag 1 over 2 target months"), "\(stdout)")
        #expect(stdout.contains("\"wmape\" : 0.0478941034897713"), "\(stdout)")
    }
}
