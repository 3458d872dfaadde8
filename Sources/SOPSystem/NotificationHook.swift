import Foundation

/// What one run of the hook gets: recipient data goes into `SOP_*` environment variables, the body to stdin.
public struct HookMessage: Sendable, Equatable {
    /// Participant id, e.g. "omar".
    public var recipient: String
    /// Display name, e.g. "Omar Haddad".
    public var name: String
    /// May be nil; the hook then sees `SOP_EMAIL` as an empty string.
    public var email: String?
    /// One line.
    public var subject: String
    /// Escalation level, 1...
    public var level: Int
    /// The message, written to the hook's stdin.
    public var body: String
    /// Notification number (N in `ack N`).
    public var notification: Int
    /// The cycle, e.g. "2026-11".
    public var cycle: String

    public init(
        recipient: String, name: String, email: String?, subject: String, level: Int, body: String,
        notification: Int, cycle: String
    ) {
        self.recipient = recipient
        self.name = name
        self.email = email
        self.subject = subject
        self.level = level
        self.body = body
        self.notification = notification
        self.cycle = cycle
    }

    /// The variables the hook sees on top of the inherited environment.
    public var environment: [String: String] {
        [
            "SOP_RECIPIENT": recipient,
            "SOP_RECIPIENT_NAME": name,
            "SOP_EMAIL": email ?? "",
            "SOP_SUBJECT": subject,
            "SOP_LEVEL": String(level),
            "SOP_NOTIFICATION": String(notification),
            "SOP_CYCLE": cycle,
        ]
    }
}

public enum HookOutcome: Sendable, Equatable {
    case delivered
    /// Why not, in words fit for the user: "exited with status 3: smtp refused", "timed out after 5 s (killed)".
    case failed(String)
}

/// The workflow's `notify: { command: [ARGV...], timeout: SECONDS }`: an external program (mail, sendmail,
/// a chat-webhook script) run once per notification. A hook that fails or hangs is reported, never waited on
/// for longer than its timeout, because `sop` is interactive and a stuck mail server must not freeze it.
public struct NotificationHook: Sendable, Equatable {
    /// argv; `command[0]` is a path (has a "/") or a name looked up on the environment's PATH.
    public var command: [String]
    /// Seconds the hook may run before it is killed.
    public var timeout: Double

    public init(command: [String], timeout: Double = 10) {
        self.command = command
        self.timeout = timeout
    }

    /// Seconds a hook gets to die after SIGTERM before it is sent SIGKILL.
    static let termGrace = 1.0
    /// Seconds we wait for stderr to close once the hook has exited: a grandchild it left running may hold
    /// the pipe open for as long as it likes, and the hook's result does not depend on it.
    static let stderrGrace = 0.2

    /// Runs the hook once, synchronously, never longer than about `timeout` + 1 s.
    /// `base` is the environment the hook inherits (and whose PATH finds `command[0]`).
    public func run(
        _ message: HookMessage, environment base: [String: String] = ProcessInfo.processInfo.environment
    ) -> HookOutcome {
        do {
            try deliver(message, environment: base)
            return .delivered
        } catch {
            return .failed(error.reason)
        }
    }

    /// Why a run failed; thrown inside, turned into `HookOutcome.failed` by `run`.
    public struct Failure: Error {
        let reason: String
    }

    private func deliver(_ message: HookMessage, environment base: [String: String]) throws(Failure) {
        guard let program = command.first, !program.isEmpty else {
            throw Failure(reason: "the notify command is empty")
        }
        let path = try Self.executable(program, searchPath: base["PATH"])

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(command.dropFirst())
        process.environment = base.merging(message.environment) { _, ours in ours }
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        // Not inherited: sop's stdout is the user's terminal or REPL, a hook's chatter does not belong there.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let child = Child(process)
        do {
            try process.run()
        } catch {
            throw Failure(reason: "cannot start \(program): \(error.localizedDescription)")
        }

        let errorTail = StderrTail(errors.fileHandleForReading)
        Self.feed(input.fileHandleForWriting, Data(message.body.utf8))

        guard let ending = child.end(within: timeout) else {
            child.send(SIGTERM)
            if child.end(within: Self.termGrace) == nil {
                child.send(SIGKILL)
                _ = child.end(within: Self.termGrace)
            }
            _ = errorTail.finish(within: Self.stderrGrace)
            throw Failure(reason: "timed out after \(String(format: "%g", timeout)) s (killed)")
        }
        let tail = errorTail.finish(within: Self.stderrGrace)
        let how: String
        switch ending {
        case .exited(0): return
        case .exited(let status): how = "exited with status \(status)"
        case .signalled(let signal): how = "killed by signal \(signal)"
        }
        throw Failure(reason: tail.map { "\(how): \($0)" } ?? how)
    }

    /// The file to execute: `program` itself when it names a path, else the first executable `program`
    /// on PATH. Checked here because a spawn failure's own message is vague ("the file couldn't be opened").
    static func executable(_ program: String, searchPath: String?) throws(Failure) -> String {
        if program.contains("/") {
            guard access(program, X_OK) == 0 else {
                throw Failure(reason: "cannot start \(program): \(String(cString: strerror(errno)))")
            }
            return program
        }
        for directory in (searchPath ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + program
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
               !isDirectory.boolValue, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw Failure(reason: "cannot find \(program) on PATH")
    }

    /// Writes the body to the hook's stdin, then closes it, on a background thread: a hook that never reads
    /// stdin would otherwise block us once the pipe buffer (64 KB) is full. A hook that exits without reading
    /// makes the write fail with EPIPE, which is fine; SIGPIPE is ignored so that failure is an error
    /// (caught and dropped) instead of a signal that would kill sop.
    private static func feed(_ stdin: FileHandle, _ body: Data) {
        _ = signal(SIGPIPE, SIG_IGN)
        DispatchQueue.global().async {
            do {
                try stdin.write(contentsOf: body)
            } catch {
                // The hook closed stdin early; whether that is a failure is up to its exit status.
            }
            try? stdin.close()
        }
    }
}

/// A started hook process: when it ends, and how to stop it.
///
/// Ending is seen with `waitid(WNOWAIT)` as well as `terminationHandler`, because on Linux Foundation only
/// notices an exit once every holder of a status socket the child inherits has closed it, and a grandchild
/// the hook leaves running (`sleep 30 &`, a detached `curl`) holds it too: the handler would come late by
/// that grandchild's whole life. WNOWAIT peeks without reaping, so Foundation still reaps the child itself.
private struct Child {
    public enum Ending { case exited(Int32), signalled(Int32) }

    let process: Process
    let ended = DispatchSemaphore(value: 0)

    /// Call before `run()`: the termination handler must be in place before the process can end.
    init(_ process: Process) {
        self.process = process
        process.terminationHandler = { [ended] _ in ended.signal() }
    }

    /// How the process ended, or nil when it is still running after `seconds`; checks every 10 ms.
    func end(within seconds: Double) -> Ending? {
        let deadline = DispatchTime.now() + seconds
        repeat {
            if ended.wait(timeout: .now() + 0.01) == .success {
                ended.signal()  // stays signalled for later calls
                return process.terminationReason == .exit
                    ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
            }
            if let ending = peek() { return ending }
        } while DispatchTime.now() < deadline
        return nil
    }

    /// The exit status of a finished but not yet reaped child; nil while it runs (or once Foundation has
    /// reaped it, when `ended` is about to be signalled).
    private func peek() -> Ending? {
        let pid = process.processIdentifier
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return nil }
        #if canImport(Glibc)
        let (child, status) = (info._sifields._sigchld.si_pid, info._sifields._sigchld.si_status)
        #else
        let (child, status) = (info.si_pid, info.si_status)
        #endif
        guard child == pid else { return nil }
        return info.si_code == CLD_EXITED ? .exited(status) : .signalled(status)
    }

    /// Sends `signal` to the hook's whole process group when it leads one (Foundation spawns with
    /// POSIX_SPAWN_SETPGROUP), so a `sleep` inside a shell script dies with the shell and lets go of stderr.
    func send(_ signal: Int32) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        kill(getpgid(pid) == pid ? -pid : pid, signal)
    }
}

/// Drains the hook's stderr without ever blocking the caller: a dispatch read source keeps the last
/// `limit` bytes, and cancelling it (at EOF, or when we stop waiting) closes our end of the pipe.
/// `@unchecked Sendable`: `bytes` is only touched on `queue`.
private final class StderrTail: @unchecked Sendable {
    private let queue = DispatchQueue(label: "sop.notify.stderr")
    private let source: any DispatchSourceRead
    private let closed = DispatchSemaphore(value: 0)
    private var bytes: [UInt8] = []
    private let limit = 4096

    init(_ handle: FileHandle) {
        let fd = handle.fileDescriptor
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.drain(fd) }
        source.setCancelHandler { [closed] in
            try? handle.close()
            closed.signal()
        }
        source.resume()
    }

    private func drain(_ fd: Int32) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = read(fd, &chunk, chunk.count)
        if count > 0 {
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            source.cancel()
        }
    }

    /// Waits up to `grace` seconds for EOF, stops reading, and returns the last non-empty line, trimmed to
    /// 200 characters (a reason, not a log), or nil when the hook said nothing.
    func finish(within grace: Double) -> String? {
        _ = closed.wait(timeout: .now() + grace)
        source.cancel()
        let text = queue.sync { String(decoding: bytes, as: UTF8.self) }
        let line = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .last { !$0.isEmpty }
        return line.map { $0.count > 200 ? String($0.prefix(199)) + "…" : $0 }
    }
}
