import Foundation
import Testing

/// The workflow's `notify:` command, run by the real binary: each notification reaches the hook exactly
/// once — also when the hook failed or hung the first time, and when two `sop escalate` run at once.
@Suite("Notify hook: every notification exactly once")
struct NotifyHookTests {
    /// A hook that appends one line per notification to the file named by its argument, and fails
    /// (like a mail server that is down) while `down` exists beside it, or hangs while `hang` does.
    static let hook = """
        #!/bin/sh
        dir=$(dirname "$0")
        if [ -e "$dir/down" ]; then echo "mail server down" >&2; exit 75; fi
        if [ -e "$dir/hang" ]; then sleep 30; fi
        first=$(head -n 1)
        printf '%s|%s|%s|%s|%s|%s\\n' "$SOP_NOTIFICATION" "$SOP_RECIPIENT" "$SOP_EMAIL" "$SOP_LEVEL" "$SOP_SUBJECT" "$first" >> "$1"

        """

    /// A database on the bundled workflow with the hook switched on, November opened on the 2nd.
    static func sandbox(timeout: Int = 5) throws -> Sandbox {
        let box = try Sandbox()
        let script = try box.write("hook.sh", hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let bundled = try String(contentsOfFile: Package.path("Workflows/monthly-sop.yaml"), encoding: .utf8)
        let commented = "# notify: { command: [/usr/local/bin/sop-mail], timeout: 10 }"
        #expect(bundled.contains(commented), "the bundled workflow shows the notify example")
        let workflow = bundled.replacingOccurrences(
            of: commented, with: "notify: { command: [\(script), \(box.path("sent.log"))], timeout: \(timeout) }")
        try box.write("hooked.yaml", workflow)
        try box.ok(["init", "--workflow", box.path("hooked.yaml")])
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"], env: ["SOP_NOW": "2026-11-02T09:00:00Z"])
        return box
    }

    /// The hook's log: one line per delivery.
    static func sent(_ box: Sandbox) throws -> [String] {
        guard FileManager.default.fileExists(atPath: box.path("sent.log")) else { return [] }
        return try String(contentsOfFile: box.path("sent.log"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func escalate(_ box: Sandbox, at now: String) throws -> Outcome {
        try box.ok(["escalate"], env: ["SOP_NOW": now])
    }

    @Test func aFailedDeliveryIsRetriedByTheNextEscalateAndArrivesOnce() throws {
        let box = try Self.sandbox()
        // Data gathering (due workday 2, the 3rd) is 2 workdays late on the 5th: level 1 tells the demand planners.
        try box.write("down", "")
        let first = try Self.escalate(box, at: "2026-11-05T09:00:00Z")
        #expect(first.out.contains("Raised E-1 (2026-11): data-gathering is 2 workdays late, level 1; told dan, lee."), "\(first)")
        #expect(first.out.contains("Notify command: 0 delivered, 2 failed."), "\(first)")
        #expect(first.out.contains("#1 to dan failed: exited with status 75: mail server down (retried on the next `escalate`)"), "\(first)")
        #expect(try Self.sent(box).isEmpty)
        let inbox = try box.ok(["--as", "dan", "inbox"], env: ["SOP_NOW": "2026-11-05T09:05:00Z"])
        #expect(inbox.out.contains("failed x1"), "\(inbox)")

        try FileManager.default.removeItem(atPath: box.path("down"))
        let retry = try Self.escalate(box, at: "2026-11-05T10:00:00Z")
        #expect(!retry.out.contains("Raised"), "nothing is raised twice: \(retry)")
        #expect(retry.out.contains("Notify command: 2 delivered, 0 failed."), "\(retry)")
        #expect(try Self.sent(box) == [
            "1|dan|dan@example.com|1|sop 2026-11: data-gathering is 2 workdays late, level 1|data-gathering is 2 workdays late, level 1.",
            "2|lee|lee@example.com|1|sop 2026-11: data-gathering is 2 workdays late, level 1|data-gathering is 2 workdays late, level 1.",
        ])

        // Nothing pending: the next hourly run sends nothing.
        let idle = try Self.escalate(box, at: "2026-11-05T11:00:00Z")
        #expect(!idle.out.contains("Notify command"), "\(idle)")
        #expect(try Self.sent(box).count == 2)

        // The 9th: 4 workdays late, level 2 tells the leader; only that one is sent.
        let later = try Self.escalate(box, at: "2026-11-09T09:00:00Z")
        #expect(later.out.contains("Raised E-2 (2026-11): data-gathering is 4 workdays late, level 2; told maria."), "\(later)")
        let lines = try Self.sent(box)
        #expect(lines.count == 3)
        #expect(lines.last?.hasPrefix("3|maria|maria@example.com|2|") == true, "\(lines)")
        #expect(Set(lines.map { $0.prefix(while: { $0 != "|" }) }).count == 3, "each notification number once: \(lines)")
        let delivered = try box.ok(["--as", "dan", "--json", "inbox"], env: ["SOP_NOW": "2026-11-09T09:05:00Z"])
        let rows = try #require(try delivered.json() as? [[String: Any]])
        #expect(rows.map { $0["delivery"] as? String } == ["delivered"])
        #expect(rows.first?["attempts"] as? Int == 2)
    }

    @Test func aHangingHookIsStoppedAtItsTimeoutAndRetried() throws {
        let box = try Self.sandbox(timeout: 1)
        try box.write("hang", "")
        let started = ContinuousClock.now
        let first = try Self.escalate(box, at: "2026-11-05T09:00:00Z")
        // Two notifications, each stopped after its 1 s timeout: the run never waits on the hook for long.
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(first.out.contains("#1 to dan failed: timed out after 1 s"), "\(first)")
        #expect(try Self.sent(box).isEmpty)
        try FileManager.default.removeItem(atPath: box.path("hang"))
        let retry = try Self.escalate(box, at: "2026-11-05T10:00:00Z")
        #expect(retry.out.contains("Notify command: 2 delivered, 0 failed."), "\(retry)")
        #expect(try Self.sent(box).map { String($0.prefix(while: { $0 != "|" })) } == ["1", "2"])
    }

    @Test(arguments: 1...3) func twoEscalateRunsAtOnceRaiseAndSendEverythingOnce(round: Int) throws {
        let box = try Self.sandbox()
        // The 9th: data gathering is 4 workdays late, so levels 1 (dan, lee) and 2 (maria) fall due together.
        let runs = try (0..<2).map { _ in try box.process(["escalate"], stdin: nil, env: ["SOP_NOW": "2026-11-09T09:00:00Z"], db: true) }
        for (process, _, _) in runs { try process.run() }
        let outcomes = try runs.map { try Sandbox.collect($0.0, $0.1, $0.2) }
        for outcome in outcomes { #expect(outcome.code == 0, "\(outcome)") }
        let raised = outcomes.map { $0.out.components(separatedBy: "Raised E-").count - 1 }
        #expect(raised.reduce(0, +) == 2, "E-1 and E-2 raised once between the two runs: \(outcomes)")
        let lines = try Self.sent(box)
        #expect(lines.map { String($0.prefix(while: { $0 != "|" })) }.sorted() == ["1", "2", "3"], "round \(round): \(lines)")
        let listed = try box.ok(["--json", "escalations"], env: ["SOP_NOW": "2026-11-09T10:00:00Z"])
        #expect((try listed.json() as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["E-1", "E-2"])
    }
}
