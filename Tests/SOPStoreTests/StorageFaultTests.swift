import Foundation
import GRDB
import Testing

@testable import SOPStore

/// SQLite's result codes, and sop's own unreadable-record error, sorted into the faults the shell explains.
@Suite struct StorageFaultTests {
    @Test func sqliteCodesMapToFaults() {
        let cases: [(ResultCode, StorageFault)] = [
            (.SQLITE_READONLY, .readOnly), (.SQLITE_FULL, .diskFull), (.SQLITE_CORRUPT, .damaged),
            (.SQLITE_NOTADB, .notADatabase), (.SQLITE_CANTOPEN, .cannotOpen), (.SQLITE_BUSY, .busy),
            (.SQLITE_LOCKED, .busy), (.SQLITE_IOERR, .ioError),
        ]
        for (code, fault) in cases {
            #expect(StorageFault.of(DatabaseError(resultCode: code, message: "m"))?.fault == fault, "\(code)")
        }
        #expect(StorageFault.of(DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"))?.detail == "database or disk is full")
    }

    @Test func anUnreadableRecordIsDamage() {
        #expect(StorageFault.of(StoreError("event 4 is unreadable"))?.fault == .damaged)
    }

    @Test func otherErrorsAreNotStorageFaults() {
        #expect(StorageFault.of(DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "unique")) == nil)
        #expect(StorageFault.of(CocoaError(.fileReadNoPermission)) == nil)
    }

    @Test func aReadOnlyOpeningReadsButRefusesWrites() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("sop.db")
        try SOPDatabase.initialized(at: path).close()

        let reader = try SOPDatabase(readingOnly: path, immutable: false)
        #expect(reader.isReadOnly)
        #expect(try reader.isInitialized())
        #expect(try reader.read { try $0.team() }.participants.count == StoreFixture.team.participants.count)
        let refusal = try #require(throws: (any Error).self) { try reader.write { try $0.setMeta("x", "y") } }
        #expect(StorageFault.of(refusal)?.fault == .readOnly)
    }

    @Test func immutableURIsEscapeQueryCharacters() {
        #expect(SOPDatabase.immutableURI("/srv/sop?#%.db") == "file:/srv/sop%3F%23%25.db?immutable=1")
    }
}

/// A write waits for another connection's transaction instead of failing, and gives up only after
/// `LockWait.seconds`, changing nothing.
@Suite struct LockWaitTests {
    @Test func aWriteWaitsForAnotherProcesssTransaction() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("sop.db")
        let database = try SOPDatabase.initialized(at: path)
        let other = try DatabaseQueue(path: path)
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                _ = release.wait(timeout: .now() + 5)
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('other', '1')")
                try db.execute(sql: "COMMIT")
            }
        }
        held.wait()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { release.signal() }
        let started = Date()
        try database.write { tx in try tx.setMeta("mine", "1") }
        #expect(Date().timeIntervalSince(started) >= 0.25, "the write waited for the other transaction")
        #expect(try database.read { try $0.meta("other") } == "1")
        #expect(try database.read { try $0.meta("mine") } == "1")
    }
}
