import Dispatch
import Foundation
import SOPPostgres
import Synchronization
import Testing

/// Several writers on one record: the head lock serializes them as BEGIN IMMEDIATE does on SQLite, so
/// the chain stays one line with no gap, no fork and no error to retry.
@Suite("Concurrent writers on the PostgreSQL record", .enabled(if: TestServer.available, TestServer.skipReason))
struct ConcurrencyTests {
    @Test func fourWritersOfAHundredEventsEachLeaveOneGaplessChain() throws {
        let (name, session) = try TestServer.freshRecord()
        defer { session.close() }
        let genesis = try TestServer.initialise(session)
        let writers = 4, appends = 100
        let failures = Failures()
        let address = try TestServer.address(database: name)
        // Threads of their own: concurrentPerform would run only as many at once as there are cores.
        let done = DispatchSemaphore(value: 0)
        for writer in 0..<writers {
            Thread { defer { done.signal() }; write(writer) }.start()
        }
        for _ in 0..<writers { done.wait() }
        @Sendable func write(_ writer: Int) {
            do {
                let own = try PostgresSession.connect(address, environment: [:])
                defer { own.close() }
                for n in 0..<appends {
                    let event = PostgresEventLog.NewEvent(
                        cycle: "2026-11", actor: writer % 2 == 0 ? "maria" : "dan", type: "waived", payload: #"{"writer":\#(writer),"n":\#(n)}"#)
                    try PostgresEventLog.append([event], on: own)
                }
            } catch {
                failures.list.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        let failed = failures.list.withLock { $0 }
        #expect(failed.isEmpty, "\(failed)")
        let rows = try PostgresEventLog.all(on: session)
        #expect(rows.count == writers * appends)
        #expect(verify(rows, from: genesis) == nil)
        // Every writer's events are there, each writer's in its own order.
        for writer in 0..<writers {
            let mine = rows.filter { $0.payload.hasPrefix(#"{"writer":\#(writer),"#) }.map(\.payload)
            #expect(mine == (0..<appends).map { #"{"writer":\#(writer),"n":\#($0)}"# })
        }
        // Times come from the server's clock under the lock, so they never go back along the chain.
        #expect(rows.map(\.time) == rows.map(\.time).sorted())
    }
}

/// What the writer threads report, shared by reference (a Mutex itself cannot be captured).
final class Failures: Sendable {
    let list = Mutex<[String]>([])
}
