import Foundation
import Testing

/// DESIGN.md, "Shared store": event times come from the server, so a participant whose laptop clock
/// is days behind stamps their events on the same clock as everyone else. The laptop is played by
/// faketime (installed by scripts/test), which moves this process's clock and not the server's.
@Suite(.enabled(if: TestServer.available, "SOP_TEST_PG_URL is not set: eval \"$(scripts/pg-cluster start)\""))
struct ServerClockTests {
    static let faketime = "/usr/bin/faketime"

    /// `sop ARGS` on a clock three days behind; no SOP_NOW, so the session keeps the real clock's time.
    static func behind(_ box: Sandbox, _ args: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: faketime)
        process.arguments = ["-f", "-3d", Package.binary] + args
        var env = Sandbox.environment([:])
        env["SOP_NOW"] = nil
        process.environment = env
        process.currentDirectoryURL = box.folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self), code: process.terminationStatus)
    }

    static func day(_ date: Date) -> String {
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        return format.string(from: date)
    }

    @Test func aLaptopClockDaysBehindStampsOnTheServersClock() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.faketime), "faketime is installed by scripts/test")
        let box = try Sandbox()
        let server = try TestServer.database()
        let month = String(Self.day(Date()).prefix(7))
        var stamped: [String: String] = [:]
        for store in [box.db, server] {
            #expect(try box.run(["--db", store, "init"], env: ["SOP_NOW": ""], db: false).code == 0)
            let opened = try Self.behind(box, ["--db", store, "--as", "maria", "cycle", "open", month, "--force"])
            #expect(opened.code == 0, "\(opened)")
            let log = try box.run(["--db", store, "--json", "--cycle", month, "log"], db: false)
            let events = try #require(try log.json() as? [[String: Any]], "\(log)")
            stamped[store] = events.first?["time"] as? String
        }
        let today = Self.day(Date())
        let threeDaysAgo = Self.day(Date().addingTimeInterval(-3 * 86_400))
        // The file has no clock but the laptop's: the control that shows faketime took hold.
        #expect(stamped[box.db]?.hasPrefix(threeDaysAgo) == true, "\(stamped)")
        #expect(stamped[server]?.hasPrefix(today) == true, "\(stamped)")
    }
}
