import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// A cancelled cycle in the store: never the default, its month may be opened again, and the audit
/// accepts exactly that (a second opening without a cancellation is tampering).
@Suite struct ACancelledCycleInTheStore {
    /// November open; December opened and cancelled.
    static func cancelledDecember(_ folder: TemporaryFolder) throws -> SOPDatabase {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        _ = try ScriptedCycle(database)
        var december = try ScriptedCycle(database, month: "2026-12")
        try december.run(.cancel(reason: "typo"), as: "maria")
        return database
    }

    static func openAgain(_ database: SOPDatabase, _ month: String) throws {
        let opened = EventPayload.cycleOpened(CycleOpened(workflow: "store-test", workflowHash: StoreFixture.version.hash))
        try database.write { tx in
            try tx.append([CycleEvent(cycle: month, time: StoreFixture.start.addingTimeInterval(60), actor: "maria", payload: opened)])
        }
    }

    @Test func itIsNeverTheDefaultNorOpenForTheLadders() throws {
        let folder = try TemporaryFolder()
        let database = try Self.cancelledDecember(folder)
        try database.read { tx throws -> Void in
            #expect(try tx.defaultCycleID() == "2026-11")
            #expect(try tx.openCycleIDs() == ["2026-11"])
            #expect(try tx.cycles().map { "\($0.id) \($0.cancelled)" } == ["2026-11 false", "2026-12 true"])
            #expect(try tx.loadCycle("2026-12")?.stateWord == "cancelled")
            #expect(try tx.recentCycleHistories(5).map(\.id) == ["2026-11"], "metrics leave it out")
        }
        #expect(try AuditTests.audit(database).findings == [])
    }

    @Test func itsMonthOpensAgainAndTheAuditAgrees() throws {
        let folder = try TemporaryFolder()
        let database = try Self.cancelledDecember(folder)
        try Self.openAgain(database, "2026-12")
        try database.read { tx throws -> Void in
            let december = try #require(try tx.loadCycle("2026-12"))
            #expect(december.stateWord == "open", "folded from the new opening only")
            #expect(december.eventCount == 1)
            #expect(try tx.defaultCycleID() == "2026-12")
            #expect(try tx.cycles().first { $0.id == "2026-12" }?.openedSeq == 4)
        }
        let report = try AuditTests.audit(database)
        #expect(report.findings == [])
        #expect(report.cycles == 2)
    }

    @Test func aSecondOpeningWithoutCancellationIsRefusedByTheStoreAndFoundByTheAudit() throws {
        let folder = try TemporaryFolder()
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        _ = try ScriptedCycle(database)
        #expect(throws: DatabaseError.self) { try Self.openAgain(database, "2026-11") }
        // Forged behind sop's back with a valid link: the audit names it.
        let payload = #"{"workflow":"store-test","workflowHash":"\#(StoreFixture.version.hash)"}"#
        let (seq, prev) = try database.read { tx in try AuditChain.head(tx.sql) } as (Int64, String)
        let time = Timestamps.format(StoreFixture.start.addingTimeInterval(60))
        let hash = AuditChain.link(prev: prev, seq: seq, cycle: "2026-11", time: time, actor: "maria", type: "cycle-opened", payload: payload)
        try AuditTests.tamper(database, """
            INSERT INTO events(seq, cycle, time, actor, type, payload, prev_hash, hash)
                VALUES (\(seq), '2026-11', '\(time)', 'maria', 'cycle-opened', '\(payload)', '\(prev)', '\(hash)');
            UPDATE cycles SET opened_seq = \(seq) WHERE id = '2026-11';
            """)
        let report = try AuditTests.audit(database)
        #expect(report.findings.map(\.problem) == ["cycle 2026-11 is opened again in event #\(seq) without being cancelled first"])
    }
}
