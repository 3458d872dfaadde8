import Foundation
import GRDB
import SOPCore
import Synchronization
import Testing

@testable import SOPStore

/// Reading one cycle does not depend on the others; several writers on one file lose nothing.
@Suite struct ScaleAndConcurrencyTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static func filler(cycle: String, index: Int) -> CycleEvent {
        CycleEvent(
            cycle: cycle, time: StoreFixture.start.addingTimeInterval(Double(index)), actor: "dan",
            payload: .inputSubmitted(InputSubmitted(stage: "demand", input: "assumptions", version: index + 1, content: .note("note \(index)"))))
    }

    @Test func loadingOneCycleReadsOnlyItsOwnEventsThroughTheIndex() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        // 50 other cycles, interleaved with ours, 20 events each.
        var ours = try ScriptedCycle(database, month: "2026-11")
        for round in 0..<20 {
            let others = (0..<50).map { n in Self.filler(cycle: String(format: "20%02d-%02d", 20 + n / 12, n % 12 + 1), index: round) }
            _ = try database.write { try $0.append(others) }
            if round == 5 { try ours.playSample() }
        }
        #expect(try database.eventCount() == 50 * 20 + ours.events.count)

        let traced = StatementLog()
        let (loaded, plans) = try database.read { tx -> ([CycleEvent], [String]) in
            try tx.db.trace { event in
                if case .statement(let statement) = event { traced.sql.append(statement.sql) }
            }
            let loaded = try tx.events(cycle: "2026-11")
            _ = try tx.events(cycle: "2026-11", stage: "demand")
            _ = try tx.events(cycle: "2026-11", limit: 3)
            try tx.db.trace(options: [], nil)
            var plans: [String] = []
            for sql in traced.sql where sql.contains("FROM events") {
                let arguments: StatementArguments = sql.contains("json_extract")
                    ? (sql.contains("LIMIT") ? ["2026-11", "demand", 3] : ["2026-11", "demand"])
                    : (sql.contains("LIMIT") ? ["2026-11", 3] : ["2026-11"])
                let details = try Row.fetchAll(tx.db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String? ?? "" }
                plans.append(details.joined(separator: " | "))
            }
            return (loaded, plans)
        }
        #expect(loaded == ours.events, "only 2026-11's events, in order")
        #expect(plans.count == 3, "one query per call: \(traced.sql)")
        for plan in plans {
            #expect(plan.contains("USING INDEX events_by_cycle") || plan.contains("USING COVERING INDEX events_by_cycle"), "plan: \(plan)")
            #expect(!plan.contains("SCAN events"), "no full scan of the log: \(plan)")
        }
        let state = try #require(try database.read { try $0.loadCycle("2026-11") })
        #expect(state.stages == ours.state.stages)
        #expect(state.eventCount == ours.events.count)
    }

    @Test func twoDatabaseInstancesWritingConcurrentlyLoseNothing() async throws {
        let path = folder.path("sop.db")
        _ = try SOPDatabase.initialized(at: path)
        let writers = 2
        let appends = 100
        let seqs = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    // Its own instance: its own connections to the file, as a second process would have.
                    let database = try SOPDatabase(path: path)
                    var mine: [Int64] = []
                    for n in 0..<appends {
                        let stored = try database.write { tx in
                            try tx.append([Self.filler(cycle: "2026-11", index: writer * appends + n)])
                        }
                        mine += stored.map(\.seq)
                    }
                    return mine
                }
            }
            var all: [Int64] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(seqs.count == writers * appends)
        #expect(Set(seqs).count == seqs.count, "sequence numbers are unique")
        let reader = try SOPDatabase(path: path)
        #expect(try reader.eventCount() == writers * appends)
        let stored = try reader.read { try $0.events(cycle: "2026-11") }
        #expect(Set(stored.map(\.seq)) == Set(seqs))
        let versions = stored.compactMap { event -> Int? in
            if case .inputSubmitted(let s) = event.payload { return s.version }
            return nil
        }
        #expect(Set(versions) == Set(1...(writers * appends)), "every writer's every event is there")
    }

    @Test func writersOnTwoThreadsSerializeTheirDecisions() throws {
        // The read-decide-write pattern SOPShell uses: each write reads the state inside its own
        // BEGIN IMMEDIATE transaction, so no two writers ever decide on the same state.
        let path = folder.path("sop.db")
        _ = try SOPDatabase.initialized(at: path)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            do {
                let database = try SOPDatabase(path: path)
                for _ in 0..<100 {
                    try database.write { tx in
                        let next = try tx.eventCount() + 1
                        try tx.append([Self.filler(cycle: "2026-11", index: next - 1)])
                    }
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let events = try SOPDatabase(path: path).read { try $0.events(cycle: "2026-11") }
        #expect(events.count == 200)
        let versions = events.compactMap { event -> Int? in
            if case .inputSubmitted(let s) = event.payload { return s.version }
            return nil
        }
        // Each write numbered its event from the count it read: serialized writes give exactly 1...200.
        #expect(versions == Array(1...200))
    }
}
