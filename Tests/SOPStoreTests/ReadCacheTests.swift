import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The read cache never serves stale state: two instances on one file (two processes) see each
/// other's writes, a rolled-back command leaves nothing behind, and follow-up items changed by anyone,
/// however, are read again. "Fresh" is a new instance, whose cache is empty: a fold of the log.
@Suite struct ReadCacheTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// What a process opening the file now would read.
    func fresh(_ id: String = "2026-11") throws -> CycleState? {
        try SOPDatabase(path: folder.path("f.db")).read { try $0.loadCycle(id) }
    }

    func freshFollowUps(_ id: String) throws -> FollowUpRegister {
        try SOPDatabase(path: folder.path("f.db")).read { try $0.followUps(visibleIn: id) }
    }

    /// Both loads found the cycle, and agree on it: two nils would say nothing about the cache.
    static func same(_ a: CycleState?, _ b: CycleState?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let a = try #require(a, "the cached load found no cycle", sourceLocation: sourceLocation)
        let b = try #require(b, "the fresh load found no cycle", sourceLocation: sourceLocation)
        #expect(a.id == b.id, sourceLocation: sourceLocation)
        #expect(a.eventCount == b.eventCount, "events folded", sourceLocation: sourceLocation)
        #expect(a.stages == b.stages, sourceLocation: sourceLocation)
        #expect(a.closedAt == b.closedAt, sourceLocation: sourceLocation)
    }

    /// The helper itself: two loads that both found nothing prove nothing, so it fails.
    @Test func theComparisonFailsWhenNeitherLoadFindsTheCycle() {
        withKnownIssue("same(nil, nil) must record a failure") { try Self.same(nil, nil) }
    }

    static func note(_ n: Int, at time: Date) -> CycleEvent {
        CycleEvent(
            cycle: "2026-11", time: time, actor: "dan",
            payload: .inputSubmitted(InputSubmitted(stage: "demand", input: "assumptions", version: n, content: .note("draft \(n)"))))
    }

    @Test func twoInstancesTakingTurnsEachSeeTheOthersEvents() throws {
        let first = try SOPDatabase.initialized(at: folder.path("f.db"))
        var cycle = try ScriptedCycle(first, month: "2026-11")
        try cycle.playSample()
        let second = try SOPDatabase(path: folder.path("f.db"))
        // Both have read (and cached) the cycle before either writes again.
        try Self.same(try first.read { try $0.loadCycle("2026-11") }, try fresh())
        try Self.same(try second.read { try $0.loadCycle("2026-11") }, try fresh())
        var version = 100
        for round in 0..<12 {
            let (writer, reader) = round % 3 == 0 ? (first, second) : (second, first)
            // The writer decides on the state it reads inside its own transaction, as every command does.
            try writer.write { tx in
                guard let before = try tx.loadCycle("2026-11") else { throw FixtureError("no cycle") }
                version += 1
                _ = try tx.append([Self.note(version, at: StoreFixture.start.addingTimeInterval(Double(3600 + round)))])
                let after = try #require(try tx.loadCycle("2026-11"))
                #expect(after.eventCount == before.eventCount + 1, "its own event, inside its transaction")
            }
            try Self.same(try reader.read { try $0.loadCycle("2026-11") }, try fresh())
            try Self.same(try writer.read { try $0.loadCycle("2026-11") }, try fresh())
        }
        let demand = try #require(try fresh()?.record("demand").inputs["assumptions"])
        #expect(demand.version == version, "the last draft is the current one")
    }

    @Test func aRolledBackCommandLeavesNothingInTheCache() throws {
        let database = try SOPDatabase.initialized(at: folder.path("f.db"))
        var cycle = try ScriptedCycle(database, month: "2026-11")
        try cycle.playSample()
        let before = try database.read { try $0.loadCycle("2026-11") }
        let phantom = Self.note(50, at: StoreFixture.start.addingTimeInterval(7200))
        #expect(throws: FixtureError.self) {
            try database.write { tx in
                _ = try tx.append([phantom])
                // Read after its own append, so the cache is offered the uncommitted event...
                _ = try tx.loadCycle("2026-11")
                throw FixtureError("refused")
            }
        }
        // ...and keeps nothing of it.
        try Self.same(try database.read { try $0.loadCycle("2026-11") }, before)
        // The rolled-back sequence number is used again by the next event: it must be read as new.
        let real = try database.append(Self.note(51, at: StoreFixture.start.addingTimeInterval(7300)))
        let now = try #require(try database.read { try $0.loadCycle("2026-11") })
        try Self.same(now, try fresh())
        #expect(now.record("demand").inputs["assumptions"]?.version == 51, "event \(real.seq) is the one folded")
    }

    @Test func aStateHandedBackIsTakenOnlyWhenItAddsUp() throws {
        let database = try SOPDatabase.initialized(at: folder.path("f.db"))
        var cycle = try ScriptedCycle(database, month: "2026-11")
        try cycle.playSample()
        try database.write { tx in
            guard let before = try tx.loadCycle("2026-11") else { throw FixtureError("no cycle") }
            let stored = try tx.append([Self.note(60, at: StoreFixture.start.addingTimeInterval(7200))])
            // Claims to have the new event applied without having applied it: refused.
            try tx.remember(before, after: stored)
        }
        try Self.same(try database.read { try $0.loadCycle("2026-11") }, try fresh())
        try database.write { tx in
            guard var state = try tx.loadCycle("2026-11") else { throw FixtureError("no cycle") }
            let stored = try tx.append([Self.note(61, at: StoreFixture.start.addingTimeInterval(7300))])
            for event in stored { state.apply(event) }
            try tx.remember(state, after: stored)
        }
        try Self.same(try database.read { try $0.loadCycle("2026-11") }, try fresh())
        // A clock finer than the file's milliseconds: the state would fold differently, so it is not taken.
        try database.write { tx in
            guard var state = try tx.loadCycle("2026-11") else { throw FixtureError("no cycle") }
            let fine = Self.note(62, at: StoreFixture.start.addingTimeInterval(7400.0004))
            let stored = try tx.append([fine])
            for event in stored { state.apply(event) }
            try tx.remember(state, after: stored)
        }
        let read = try #require(try database.read { try $0.loadCycle("2026-11") })
        try Self.same(read, try fresh())
        #expect(read.record("demand").inputs["assumptions"]?.at == Timestamps.parse(Timestamps.format(StoreFixture.start.addingTimeInterval(7400.0004))))
    }

    @Test func followUpItemsChangedByAnotherInstanceAreReadAgain() throws {
        let (first, _) = try FollowUpStoreTests.november(folder)
        _ = try ScriptedCycle(first, month: "2026-12")
        let second = try SOPDatabase(path: folder.path("f.db"))
        var other = FollowUpStoreTests.Desk(database: second, clock: StoreFixture.start.addingTimeInterval(86_400))
        // Cached views of both months in the first instance.
        #expect(try first.read { try $0.followUps(visibleIn: "2026-11") } == (try freshFollowUps("2026-11")))
        #expect(try first.read { try $0.followUps(visibleIn: "2026-12") } == (try freshFollowUps("2026-12")))
        // A-2 (raised in November) is open, so December sees it; the other instance closes it in November.
        #expect(try first.read { try $0.followUps(visibleIn: "2026-12") }.actions[2] != nil)
        try other.run(.completeAction(2, note: "Done"), as: "dan", in: "2026-11")
        try other.run(.addAction(title: "New", owner: "sam", due: Day(year: 2026, month: 12, day: 4), decision: nil, stage: nil), as: "maria", in: "2026-12")
        let december = try first.read { try $0.followUps(visibleIn: "2026-12") }
        #expect(december == (try freshFollowUps("2026-12")))
        #expect(december.actions[2] == nil, "closed in November: December no longer sees it")
        #expect(december.actions[3]?.title == "New")
        let november = try first.read { try $0.followUps(visibleIn: "2026-11") }
        #expect(november == (try freshFollowUps("2026-11")))
        #expect(november.actions[2]?.state == .done)
    }

    @Test func aRowChangedWithoutAnyEventIsReadAgainToo() throws {
        let (database, _) = try FollowUpStoreTests.november(folder)
        let cached = try database.read { try $0.followUps(visibleIn: "2026-11") }
        #expect(cached.actions[2]?.title == "Price study")
        // Someone edits the record with the sqlite3 shell: the revision trigger still marks the row.
        let edited = try #require(cached.actions[2])
        var renamed = edited
        renamed.title = "Price study (renamed)"
        let json = String(decoding: try RecordCoding.encoder.encode(renamed), as: UTF8.self)
        try database.write { tx in try tx.db.execute(sql: "UPDATE follow_ups SET record = ? WHERE label = 'A-2'", arguments: [json]) }
        let reread = try database.read { try $0.followUps(visibleIn: "2026-11") }
        #expect(reread.actions[2]?.title == "Price study (renamed)")
        #expect(reread == (try freshFollowUps("2026-11")))
    }

    @Test func manyCyclesCycleThroughTheCacheAndStayRight() throws {
        let database = try SOPDatabase.initialized(at: folder.path("f.db"))
        var months: [String] = []
        for n in 0..<(ReadCache.cycleLimit + 6) {
            let month = String(format: "20%02d-%02d", 20 + n / 12, n % 12 + 1)
            var cycle = try ScriptedCycle(database, month: month)
            if n % 2 == 0 { try cycle.playSample() }
            months.append(month)
        }
        for _ in 0..<2 {
            for month in months {
                try Self.same(try database.read { try $0.loadCycle(month) }, try fresh(month))
            }
        }
    }
}
