import Foundation
@testable import SOPShell
import Testing
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// A folder of `#!/bin/sh` hook scripts, removed when the test ends.
final class HookScripts {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes an executable script `name` with `lines` after the shebang and returns its path.
    func script(_ lines: String, named name: String = "hook", mode: Int = 0o755) throws -> String {
        let url = folder.appendingPathComponent(name)
        try ("#!/bin/sh\n" + lines + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
}

@Suite struct NotificationHookTests {
    static let omar = HookMessage(
        recipient: "omar", name: "Omar Haddad", email: "omar@example.com",
        subject: "Demand review: forecast overdue", level: 2,
        body: "Hello Omar,\nthe forecast is two days late.\n", notification: 7, cycle: "2026-11")

    /// Runs `hook`, returning its outcome and how long the call took.
    func timed(_ hook: NotificationHook, _ message: HookMessage = omar) -> (HookOutcome, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = hook.run(message)
        return (outcome, clock.now - start)
    }

    @Test func deliversEnvironmentAndBodyOnStdin() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("""
            printf '%s|%s|%s|%s|%s|%s|%s|%s\\n' "$SOP_RECIPIENT" "$SOP_RECIPIENT_NAME" "$SOP_EMAIL" "$SOP_SUBJECT" \
              "$SOP_LEVEL" "$SOP_NOTIFICATION" "$SOP_CYCLE" "$INHERITED" >> "$HOOK_OUT"
            cat >> "$HOOK_OUT"
            """)
        var base = ProcessInfo.processInfo.environment
        base["HOOK_OUT"] = scripts.path("out")
        base["INHERITED"] = "from-base"
        base["SOP_EMAIL"] = "stale@example.com"  // ours wins over the inherited one
        var noEmail = Self.omar
        noEmail.email = nil
        noEmail.body = "no trailing newline"

        #expect(NotificationHook(command: [hook]).run(Self.omar, environment: base) == .delivered)
        #expect(NotificationHook(command: [hook]).run(noEmail, environment: base) == .delivered)
        #expect(try scripts.read("out") == """
            omar|Omar Haddad|omar@example.com|Demand review: forecast overdue|2|7|2026-11|from-base
            Hello Omar,
            the forecast is two days late.
            omar|Omar Haddad||Demand review: forecast overdue|2|7|2026-11|from-base
            no trailing newline
            """)
    }

    @Test func passesExtraArgumentsUnsplit() throws {
        let scripts = try HookScripts()
        let out = scripts.path("args")
        let hook = try scripts.script("printf '%s\\n' \"$1 $2\" > '\(out)'")
        #expect(NotificationHook(command: [hook, "two words", "--to=ops"]).run(Self.omar) == .delivered)
        #expect(try scripts.read("args") == "two words --to=ops\n")
    }

    #if os(Linux)
    /// The hook's stdout is /dev/null, not sop's own stdout (the user's terminal or REPL).
    @Test func hookStdoutGoesToDevNull() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("echo \"$(readlink /proc/$$/fd/1)\" > '\(scripts.path("stdout"))'")
        #expect(NotificationHook(command: [hook]).run(Self.omar) == .delivered)
        #expect(try scripts.read("stdout") == "/dev/null\n")
    }
    #endif

    @Test func findsANameOnThePath() throws {
        let scripts = try HookScripts()
        _ = try scripts.script("cat > '\(scripts.path("body"))'", named: "my-notify")
        var base = ProcessInfo.processInfo.environment
        base["PATH"] = "/nonexistent:" + scripts.folder.path + ":" + (base["PATH"] ?? "/usr/bin:/bin")
        #expect(NotificationHook(command: ["my-notify"]).run(Self.omar, environment: base) == .delivered)
        #expect(try scripts.read("body") == Self.omar.body)
    }

    @Test func nonZeroExitReportsStatusAndLastStderrLine() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("""
            cat > /dev/null
            echo "connecting to smtp.example.com" >&2
            echo "  smtp: relay access denied  " >&2
            echo "" >&2
            exit 3
            """)
        #expect(NotificationHook(command: [hook]).run(Self.omar)
            == .failed("exited with status 3: smtp: relay access denied"))

        let quiet = try scripts.script("exit 4", named: "quiet")
        #expect(NotificationHook(command: [quiet]).run(Self.omar) == .failed("exited with status 4"))
    }

    @Test func longStderrIsCappedToALine() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("""
            i=0
            while [ $i -lt 200 ]; do echo "noise line $i" >&2; i=$((i+1)); done
            printf 'x%.0s' $(seq 1 500) >&2
            exit 1
            """)
        guard case .failed(let reason) = NotificationHook(command: [hook]).run(Self.omar) else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.hasPrefix("exited with status 1: xxxx"))
        #expect(reason.count <= "exited with status 1: ".count + 200)
    }

    @Test func killedBySignalIsAFailure() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("kill -9 $$")
        #expect(NotificationHook(command: [hook]).run(Self.omar) == .failed("killed by signal 9"))
    }

    @Test func hangingHookTimesOut() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("sleep 30")
        let (outcome, took) = timed(NotificationHook(command: [hook], timeout: 0.5))
        #expect(outcome == .failed("timed out after 0.5 s (killed)"))
        #expect(took < .seconds(5))
        #expect(took >= .milliseconds(500))
    }

    @Test func hookIgnoringSigtermIsKilled() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("trap '' TERM\nsleep 30")
        let (outcome, took) = timed(NotificationHook(command: [hook], timeout: 0.5))
        #expect(outcome == .failed("timed out after 0.5 s (killed)"))
        #expect(took < .seconds(5))
    }

    @Test func missingExecutableIsAClearFailure() throws {
        let scripts = try HookScripts()
        #expect(NotificationHook(command: ["/no/such/hook"]).run(Self.omar)
            == .failed("cannot start /no/such/hook: No such file or directory"))

        let notExecutable = try scripts.script("exit 0", named: "plain", mode: 0o644)
        #expect(NotificationHook(command: [notExecutable]).run(Self.omar)
            == .failed("cannot start \(notExecutable): Permission denied"))

        var base = ProcessInfo.processInfo.environment
        base["PATH"] = scripts.folder.path
        #expect(NotificationHook(command: ["sop-no-such-notifier"]).run(Self.omar, environment: base)
            == .failed("cannot find sop-no-such-notifier on PATH"))
        // A directory on PATH is not a program.
        try FileManager.default.createDirectory(
            at: scripts.folder.appendingPathComponent("adir"), withIntermediateDirectories: true)
        #expect(NotificationHook(command: ["adir"]).run(Self.omar, environment: base)
            == .failed("cannot find adir on PATH"))

        #expect(NotificationHook(command: []).run(Self.omar) == .failed("the notify command is empty"))
        #expect(NotificationHook(command: [""]).run(Self.omar) == .failed("the notify command is empty"))
    }

    @Test func hookThatIgnoresAHugeBodyIsStillDelivered() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("exit 0")
        var big = Self.omar
        big.body = String(repeating: "0123456789abcdef\n", count: 1 << 16)  // ~1.1 MB, far past a pipe buffer
        let (outcome, took) = timed(NotificationHook(command: [hook], timeout: 5), big)
        #expect(outcome == .delivered)
        #expect(took < .seconds(5))
    }

    @Test func hookThatNeverReadsAHugeBodyStillTimesOut() throws {
        let scripts = try HookScripts()
        let hook = try scripts.script("sleep 30")
        var big = Self.omar
        big.body = String(repeating: "x", count: 1 << 20)
        let (outcome, took) = timed(NotificationHook(command: [hook], timeout: 0.5), big)
        #expect(outcome == .failed("timed out after 0.5 s (killed)"))
        #expect(took < .seconds(5))
    }

    @Test func grandchildHoldingStderrDoesNotHoldUsUp() throws {
        let scripts = try HookScripts()
        let pidFile = scripts.path("grandchild")
        let hook = try scripts.script("sleep 30 &\necho $! > '\(pidFile)'\nexit 0")
        let (outcome, took) = timed(NotificationHook(command: [hook], timeout: 10))
        if let pid = Int32((try? scripts.read("grandchild"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") {
            kill(pid, SIGKILL)
        }
        #expect(outcome == .delivered)
        #expect(took < .seconds(3))
    }
}
