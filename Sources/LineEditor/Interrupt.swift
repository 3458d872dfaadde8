#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C while a command runs (not while editing): a SIGINT handler without SA_RESTART sets a flag
/// the running command polls; it never exits the process.
///
/// Without SA_RESTART a blocking system call in the command fails with EINTR, so a command stuck
/// waiting still gets to look at the flag.
public enum Interrupt {
    /// Installs the SIGINT handler; calling it again is harmless.
    public static func installHandler() {
        SignalFlags.prepare()
        _ = installSignalHandler(SIGINT) { _ in
            SignalFlags.interrupt.store(true, ordering: .sequentiallyConsistent)
        }
    }

    /// True once Ctrl-C arrived since the last reset. `LineEditor.readLine` resets it too: by the
    /// time a new prompt shows, an earlier Ctrl-C has been dealt with.
    public static var requested: Bool {
        SignalFlags.interrupt.load(ordering: .sequentiallyConsistent)
    }

    /// Forgets an earlier Ctrl-C, e.g. before the next command starts.
    public static func reset() {
        SignalFlags.interrupt.store(false, ordering: .sequentiallyConsistent)
    }
}

/// What the signal handlers report: a handler can neither take a lock nor reach an instance, so
/// lock-free atomics in globals are the only safe channel.
enum SignalFlags {
    static let interrupt = Atomic<Bool>(false)
    static let continued = Atomic<Bool>(false)
    static let resized = Atomic<Bool>(false)

    /// Touches every flag so their lazy initialisation never first runs inside a signal handler.
    static func prepare() {
        _ = interrupt.load(ordering: .relaxed)
        _ = continued.load(ordering: .relaxed)
        _ = resized.load(ordering: .relaxed)
    }
}

/// A signal handler as C sees it: it may touch nothing but globals.
typealias SignalHandler = @convention(c) (Int32) -> Void

/// Installs `handler` for `signal` without SA_RESTART and returns the disposition it replaced.
func installSignalHandler(_ signal: Int32, _ handler: SignalHandler) -> sigaction {
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = handler
    #else
    action.__sigaction_u.__sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    var previous = sigaction()
    sigaction(signal, &action, &previous)
    return previous
}

/// Puts back a disposition that `installSignalHandler` returned.
func restoreSignalHandler(_ signal: Int32, _ previous: sigaction) {
    var previous = previous
    sigaction(signal, &previous, nil)
}
