import Foundation
import Testing

/// The README's tour is pasted by newcomers: run it exactly as written and check it does what the
/// README's comments say.
@Suite struct ReadmeTourTests {
    @Test func theTourDoesWhatTheReadmeSays() throws {
        let readme = try String(contentsOf: Package.root.appendingPathComponent("README.md"), encoding: .utf8)
        let tour = try #require(readme.components(separatedBy: "## A short tour").dropFirst().first)
        let block = try #require(tour.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-tour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The tour writes /tmp/tour.db; point it at a private folder so tests never collide. Its build step
        // is already done (and a nested `swift build` would wait for the lock `swift test` holds).
        #expect(block.hasPrefix("swift build -q --product sop\n"))
        let script = block
            .replacingOccurrences(of: "swift build -q --product sop\n", with: "")
            .replacingOccurrences(of: "/tmp/tour.db", with: folder.appendingPathComponent("tour.db").path)
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
        #expect(process.terminationStatus == 0, "the last tour command (`sop log`) should succeed\n\(stderr)")
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
}
