import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The kept values of plan files: written once per file and reading, read back row for row by
/// month, and "the newest holder of each family and month" answered by the index.
@Suite struct PlanValueStoreTests {
    static let actuals = InputSpec(id: "sales", format: .csv, plan: .actuals, planHeaders: [.quantity: "Units"])

    static func reading(_ sha: String, input: InputSpec = actuals) -> PlanReading {
        PlanReading(sha256: sha, fileName: "\(sha).csv", input: input, kind: input.plan ?? .actuals)
    }

    static func table(_ rows: [(String, String, Decimal)], kind: PlanKind = .actuals) -> PlanTable {
        PlanTable(kind: kind, rows: rows.enumerated().map { i, r in
            PlanRow(line: i + 2, family: r.0, month: CycleMonth(r.1), values: [.quantity: r.2, .revenue: r.2 * 10 + Decimal(25) / 100])
        })
    }

    /// A database with two kept actuals files: `a` (older) and `b` (newer), overlapping in 2026-10.
    static func kept() throws -> SOPDatabase {
        let database = try SOPDatabase()
        try database.write { tx in
            for (sha, rows) in [
                ("a", [("Lounge", "2026-09", Decimal(100)), ("Lounge", "2026-10", 110), ("Dining", "2026-10", 50)]),
                ("b", [("Lounge", "2026-10", 111), ("Lounge", "2026-11", 120)]),
            ] {
                try tx.db.execute(
                    sql: "INSERT INTO artifacts(sha256, size, content, stored_at) VALUES (?, 0, x'', '2026-11-01T00:00:00.000Z')", arguments: [sha])
                try tx.storePlanValues(table(rows), of: reading(sha))
            }
        }
        return database
    }

    @Test func rowsComeBackAsStoredForTheMonthsAsked() throws {
        let database = try Self.kept()
        let rows = try database.read { tx in try tx.planRows(of: Self.reading("a"), months: [CycleMonth("2026-10")!]) }
        #expect(rows == Array(Self.table([("Lounge", "2026-09", 100), ("Lounge", "2026-10", 110), ("Dining", "2026-10", 50)]).rows.dropFirst()))
        #expect(rows.first?[.revenue] == Decimal(string: "1100.25"), "the fraction is kept exactly")
        // Another reading of the same bytes is other values, kept under its own key.
        let remapped = Self.reading("a", input: InputSpec(id: "sales", format: .csv, plan: .actuals))
        #expect(try database.read { tx in try tx.planRows(of: remapped, months: [CycleMonth("2026-10")!]) } == [])
        #expect(try database.read { tx in try tx.keptPlanReadings(among: [Self.reading("a"), remapped, Self.reading("b")]) }.map(\.file).sorted() == ["a", "b"])
    }

    @Test func keepingAFileAgainChangesNothing() throws {
        let database = try Self.kept()
        try database.write { tx in try tx.storePlanValues(Self.table([("Shade", "2026-10", 1)]), of: Self.reading("a")) }
        let families = try database.read { tx in try tx.planRows(of: Self.reading("a"), months: [CycleMonth("2026-10")!]).compactMap(\.family) }
        #expect(families == ["Lounge", "Dining"])
    }

    @Test func theHighestRankedHolderOfEachFamilyAndMonthWins() throws {
        let database = try Self.kept()
        let months = [CycleMonth("2026-10")!, CycleMonth("2026-11")!]
        let found = try database.read { tx in
            try tx.newestPlanRows(holders: [(Self.reading("a"), 0), (Self.reading("b"), 1)], months: months)
        }
        let byKey = Dictionary(uniqueKeysWithValues: found.map { ("\($0.row.family ?? "") \($0.row.month?.description ?? "")", ($0.rank, $0.row[.quantity])) })
        #expect(byKey.count == 3, "September is not asked for: \(byKey)")
        #expect(byKey["Lounge 2026-10"]?.0 == 1 && byKey["Lounge 2026-10"]?.1 == 111, "the newer file hides the older one's row")
        #expect(byKey["Dining 2026-10"]?.0 == 0 && byKey["Dining 2026-10"]?.1 == 50, "a row only the older file holds still counts")
        #expect(byKey["Lounge 2026-11"]?.1 == 120)
        // Ranked the other way round, the other file wins.
        let reversed = try database.read { tx in
            try tx.newestPlanRows(holders: [(Self.reading("a"), 1), (Self.reading("b"), 0)], months: months)
        }
        #expect(reversed.first { $0.row.family == "Lounge" && $0.row.month == CycleMonth("2026-10") }?.row[.quantity] == 110)
    }
}

/// `planEvents` takes a plain submission's fields out with SQLite's JSON functions instead of
/// decoding the payload: it must read back exactly what the full decode reads.
@Suite struct PlanEventsReadTests {
    @Test func theQuickReadOfSubmissionsIsTheFullDecode() throws {
        let database = try SOPDatabase()
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        var cycle = try ScriptedCycle(database, month: "2026-11")
        try cycle.playSample()
        try cycle.run(.submit(stage: "demand", input: "assumptions", content: .note("quote \" and é and \\ and \n")), as: "dan")
        try cycle.run(.reject(stage: "demand", reason: "redo", input: "assumptions"), as: "maria")
        let quick = try database.read { tx in try tx.planEvents() }
        let full = try database.read { tx in try tx.events(cycle: "2026-11") }.filter { PlanOfRecord.eventTypes.contains($0.payload.type) }
        #expect(quick == full)
        #expect(quick.filter { if case .inputSubmitted = $0.payload { true } else { false } }.count == 3)
    }

    @Test func aSubmissionWithMoreFieldsIsDecodedInFull() throws {
        let database = try SOPDatabase()
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        var cycle = try ScriptedCycle(database, month: "2026-11")
        try cycle.playSample()
        // A payload the quick read does not take (a fifth key, as a later release might write) still
        // reads as its event; one whose fields have the wrong types is the full decode's refusal, not a crash.
        try database.write { tx in
            try tx.db.execute(sql: "DROP TRIGGER events_are_append_only_update")
            try tx.db.execute(sql: """
                UPDATE events SET payload = json_set(payload, '$.extra', 1) WHERE seq = (SELECT min(seq) FROM events WHERE type = 'input-submitted')
                """)
        }
        let events = try database.read { tx in try tx.planEvents() }
        #expect(events.count == 2)
        try database.write { tx in
            try tx.db.execute(sql: "UPDATE events SET payload = json_set(payload, '$.version', 'two') WHERE seq = (SELECT min(seq) FROM events WHERE type = 'input-submitted')")
            try tx.db.execute(sql: "UPDATE events SET payload = json_remove(payload, '$.extra') WHERE seq = (SELECT min(seq) FROM events WHERE type = 'input-submitted')")
        }
        #expect(throws: StoreError.self) { try database.read { tx in try tx.planEvents() } }
    }
}

/// A kept row edited to values of the wrong type is a store error, never a stopped process.
@Suite struct EditedPlanValuesTests {
    @Test func aRowOfTheWrongTypesIsAnErrorNotACrash() throws {
        let database = try PlanValueStoreTests.kept()
        try database.write { tx in try tx.db.execute(sql: "UPDATE plan_values SET figures = x'00ff' WHERE file = 'a'") }
        #expect(throws: StoreError.self) {
            try database.read { tx in try tx.planRows(of: PlanValueStoreTests.reading("a"), months: [CycleMonth("2026-10")!]) }
        }
    }
}
