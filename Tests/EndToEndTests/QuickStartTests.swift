import Foundation
import Testing

/// scripts/sop builds before it starts sop: a first build (minutes) shows its progress on stderr, an
/// up-to-date one says nothing, so the REPL starts clean.
@Suite struct TheQuickStartShowsBuildProgress {
    /// Runs scripts/build-progress on `input` as swift build would print it; returns (stdout, stderr).
    func filter(_ input: String) throws -> (out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Package.path("scripts/build-progress"))
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func anUpToDateBuildSaysNothing() throws {
        let shown = try filter("Building for debugging...\n[0/2] Write swift-version-1.txt\nBuild of product 'sop' complete! (0.52s)\n")
        #expect(shown.out.isEmpty && shown.err.isEmpty, "\(shown)")
    }

    @Test func aBuildWithWorkToDoSaysSoAndShowsEveryLine() throws {
        let shown = try filter("Building for debugging...\n[1/412] Compiling GRDB Database.swift\n[412/412] Linking sop\nBuild of product 'sop' complete! (301.2s)\n")
        #expect(shown.out.isEmpty, "progress goes to stderr, stdout stays sop's: \(shown)")
        let lines = shown.err.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("sop: building sop") == true, "\(shown)")
        #expect(Array(lines.dropFirst()) == ["Building for debugging...", "[1/412] Compiling GRDB Database.swift", "[412/412] Linking sop", "Build of product 'sop' complete! (301.2s)"])
    }

    @Test func aBuildThatFailsEarlyStillShowsWhy() throws {
        let shown = try filter("error: 'sop': package manifest cannot be parsed\n")
        #expect(shown.err.contains("error: 'sop': package manifest cannot be parsed"), "\(shown)")
    }

    @Test func theQuickStartBuildsThroughTheFilterAndNotQuietly() throws {
        let script = try String(contentsOfFile: Package.path("scripts/sop"), encoding: .utf8)
        let build = try #require(script.split(separator: "\n").first { $0.hasPrefix("swift build") })
        #expect(build.contains("| \"$root/scripts/build-progress\"") && !build.contains(" -q"), "\(build)")
    }
}
