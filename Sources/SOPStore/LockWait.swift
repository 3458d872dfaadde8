import Foundation
import GRDB

/// How a command waits while another process's write transaction holds the database.
///
/// SQLite's own busy timeout naps between tries with a backoff that reaches 100 ms. A writer that
/// commits and starts its next command within a millisecond or two takes the lock again before a
/// napping writer wakes, so with four processes writing at once one of them could starve past the
/// timeout and fail (the failure harness, Tests/harness/concurrency.py, showed it). Short naps with
/// jitter let every waiter catch the gap between another process's commands.
public enum LockWait {
    /// A command gives up, changing nothing, after waiting at least this long.
    public static let seconds = 10

    static let nap: ClosedRange<UInt32> = 500...1_500  // microseconds, about 1 ms on average

    static let mode = Database.BusyMode.callback { tries in
        guard tries < seconds * 1_000 else { return false }
        usleep(UInt32.random(in: nap))
        return true
    }
}
