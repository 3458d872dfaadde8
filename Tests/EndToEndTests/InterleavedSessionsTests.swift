import Foundation
import Testing

/// A long-running session keeps what it has read (the read cache); other processes writing to the same
/// file in between must never make it answer from stale state, nor decide on it.
@Suite struct InterleavedSessionsTests {
    /// `sop` reading commands from a pipe that stays open: one session across many commands, like a REPL.
    final class LiveSession {
        private let running: Process
        private let input = Pipe()
        private let output: URL
        private var asked = 0

        init(_ box: Sandbox, _ args: [String]) throws {
            let (process, out, _) = try box.process(args, stdin: nil, env: [:], db: true)
            process.standardInput = input
            try process.run()
            running = process
            output = out
        }

        /// Sends one command line and returns what it printed. `whoami` after it marks the end.
        func send(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let before = try String(contentsOf: output, encoding: .utf8)
            input.fileHandleForWriting.write(Data((line + "\nwhoami\n").utf8))
            asked += 1
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = try String(contentsOf: output, encoding: .utf8)
                if text.components(separatedBy: "acting on cycle").count - 1 >= asked {
                    let new = String(text.dropFirst(before.count))
                    // Everything up to the marker line is the command's own output.
                    return new.components(separatedBy: "\n").filter { !$0.contains("acting on cycle") }.joined(separator: "\n")
                }
                if !running.isRunning { throw E2EError("the session ended at `\(line)`:\n\(text)") }
                Thread.sleep(forTimeInterval: 0.02)
            }
            throw E2EError("no answer to `\(line)` within 30 s")
        }

        func close() {
            input.fileHandleForWriting.closeFile()
            running.waitUntilExit()
        }
    }

    /// What a process opening the file now prints for the same command.
    func fresh(_ box: Sandbox, _ args: [String]) throws -> String {
        try box.ok(["--as", "maria"] + args).out
    }

    @Test func aLongSessionSeesEveryOtherProcesssWritesAndDecidesOnThem() throws {
        let box = try Sandbox()
        try box.ok(["--as", "maria", "status"])  // creates the file, November open
        let session = try LiveSession(box, ["--as", "maria"])
        defer { session.close() }
        let statusBefore = try session.send("status")
        #expect(statusBefore.contains("data-gathering") && statusBefore.contains("open"))

        // Another process does data gathering's work.
        try box.ok(["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals])
        try box.ok(["--as", "dan", "submit", "data-gathering", "inventory-snapshot", Sample.inventory])
        #expect(try session.send("status").trimmingCharacters(in: .newlines) == (try fresh(box, ["status"])).trimmingCharacters(in: .newlines))

        // The session decides on the other's events: the sign-off is allowed only with both inputs in.
        _ = try session.send("as dan")
        let signed = try session.send("signoff data-gathering")
        #expect(signed.contains("data-gathering: review -> done"), "\(signed)")

        // Follow-up items: each side adds one, the other side closes one, both lists agree.
        _ = try session.send("action add \"From the session\" --owner dan --due 2026-11-20")
        try box.ok(["--as", "maria", "action", "add", "From the other process", "--owner", "omar", "--due", "2026-11-20"])
        try box.ok(["--as", "dan", "action", "done", "A-1", "--note", "Done elsewhere"])
        let actions = try session.send("actions")
        #expect(actions.trimmingCharacters(in: .newlines) == (try fresh(box, ["actions"])).trimmingCharacters(in: .newlines))
        #expect(actions.contains("A-1") && actions.contains("done") && actions.contains("A-2"))
        let next = try session.send("action add \"Third\" --owner dan --due 2026-11-20")
        #expect(next.contains("A-3"), "numbered after the other process's A-2: \(next)")

        // A resubmission elsewhere makes the session's view of the sign-off stale at once.
        // (a corrected extract, with a family the first one left out: the same bytes again would change
        // nothing, and a repeated row would be refused)
        let original = try String(contentsOfFile: Sample.salesActuals, encoding: .utf8)
        let corrected = try box.write("sales-actuals-corrected.csv", original + "Patio Heaters,2026-10,120,54000\n")
        try box.ok(["--as", "dan", "submit", "data-gathering", "sales-actuals", corrected])
        let why = try session.send("why data-gathering")
        #expect(why.trimmingCharacters(in: .newlines) == (try fresh(box, ["why", "data-gathering"])).trimmingCharacters(in: .newlines))
        #expect(why.contains("sales-actuals was resubmitted"), "\(why)")
        #expect(try session.send("status").trimmingCharacters(in: .newlines) == (try fresh(box, ["status"])).trimmingCharacters(in: .newlines))
        #expect(try session.send("log").trimmingCharacters(in: .newlines) == (try fresh(box, ["log"])).trimmingCharacters(in: .newlines))
    }
}
