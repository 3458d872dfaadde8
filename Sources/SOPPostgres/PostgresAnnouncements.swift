#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SOPStore

/// The server's commits as a descriptor for the live REPL: a connection of its own LISTENs on the
/// events channel, and each notification writes one byte to a pipe whose read end the REPL waits on
/// beside the keyboard. Writing to a pipe is the only thing done on the event loop's thread.
extension PostgresBackend: CommitAnnouncing {
    public func commitAnnouncements() throws -> CommitSignal {
        let listener = try PostgresSession.connect(address, environment: environment)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw StoreError("cannot make a pipe for live updates") }
        // Both ends non-blocking: a full pipe already holds a wake-up, and draining stops when empty.
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        let writeEnd = ends[1]
        try listener.listen(PostgresSchema.eventChannel) {
            var byte: UInt8 = 1
            _ = Self.wake(writeEnd, &byte)
        }
        keepListening(listener)
        let readEnd = ends[0]
        return CommitSignal(descriptor: readEnd) {
            var buffer = [UInt8](repeating: 0, count: 256)
            while Self.drained(readEnd, &buffer) > 0 {}
        }
    }
}

extension PostgresBackend {
    /// The C `read`, named apart from the backend's own `read` transaction.
    fileprivate static func drained(_ fd: Int32, _ buffer: inout [UInt8]) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, &buffer, buffer.count)
        #else
        Darwin.read(fd, &buffer, buffer.count)
        #endif
    }

    /// The C `write`, named apart from the backend's own `write` transaction.
    fileprivate static func wake(_ fd: Int32, _ byte: inout UInt8) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, &byte, 1)
        #else
        Darwin.write(fd, &byte, 1)
        #endif
    }
}
