import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The hash chain and `audit`: a record written by sop passes; every kind of edit made behind its
/// back (the `sqlite3` shell can drop the append-only triggers) is found, at the right event.
@Suite struct AuditTests {
    /// A cycle with a file artifact, sign-offs and follow-ups: something worth tampering with.
    static func sample(_ folder: TemporaryFolder) throws -> SOPDatabase {
        let (database, _) = try FollowUpStoreTests.november(folder)
        var cycle = try ScriptedCycle(database, month: "2026-12")
        try cycle.playSample()
        try database.recordRefusedAttempts([
            RefusedAttempt(time: StoreFixture.start, account: "dan", actor: "maria", command: "sop --as maria cycle close", rule: "identity", message: "no"),
            RefusedAttempt(time: StoreFixture.start, account: "dan", actor: "dan", command: "waive gather --reason x", rule: "permission", message: "no"),
        ])
        return database
    }

    /// The fixture's YAML text does not read as YAML here (SOPStore knows no YAML): the stored model
    /// is what the audit is told the text means.
    static func audit(_ database: SOPDatabase, model: Workflow = StoreFixture.workflow) throws -> AuditReport {
        try database.read { tx in try tx.audit { _, _ in model } }
    }

    /// Runs SQL the way someone with the `sqlite3` shell would: no triggers are dropped unless it says so.
    static func tamper(_ database: SOPDatabase, _ sql: String) throws {
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    static let unguard = "DROP TRIGGER events_are_append_only_update; DROP TRIGGER events_are_append_only_delete;"

    @Test func aRecordWrittenBySopPasses() throws {
        let folder = try TemporaryFolder()
        let database = try Self.sample(folder)
        let report = try Self.audit(database)
        #expect(report.findings == [])
        #expect(report.ok)
        #expect(report.events == (try database.eventCount()))
        #expect(report.cycles == 2 && report.artifacts == 1 && report.workflowVersions == 1 && report.accessLogEntries == 2)
        #expect(report.followUps == (try database.read { tx in try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM follow_ups") }))
        #expect(report.followUps > 2)
        let head = try database.read { tx in try String.fetchOne(tx.db, sql: "SELECT hash FROM events ORDER BY seq DESC LIMIT 1") }
        #expect(report.head == head)
    }

    @Test func eachEventLinksToThePreviousOneAndTheFirstToTheGenesis() throws {
        let folder = try TemporaryFolder()
        let database = try Self.sample(folder)
        let rows = try database.read { tx in
            try Row.fetchAll(tx.db, sql: "SELECT seq, cycle, time, actor, type, payload, prev_hash, hash FROM events ORDER BY seq")
        }
        var prev = try database.read { tx in try AuditChain.sealedGenesis(tx.sql) }
        #expect(prev != nil)
        for row in rows {
            #expect(row["prev_hash"] as String == prev)
            let expected = AuditChain.link(
                prev: row["prev_hash"], seq: row["seq"], cycle: row["cycle"], time: row["time"], actor: row["actor"], type: row["type"],
                payload: row["payload"])
            #expect(row["hash"] as String == expected)
            prev = row["hash"]
        }
        #expect(rows.map { $0["seq"] as Int64 } == Array(1...Int64(rows.count)))
    }

    @Test func theChainFormatIsTheDocumentedOne() {
        // README, "Reliability": sha256 of prev, seq, cycle, time, actor, type and payload, one per line.
        let hash = AuditChain.link(prev: "p", seq: 7, cycle: "2026-11", time: "t", actor: "dan", type: "waived", payload: "{}")
        #expect(hash == ContentHash.sha256("p\n7\n2026-11\nt\ndan\nwaived\n{}"))
    }

    /// Each row: what someone does with `sqlite3`, the event the audit must name first (nil: none),
    /// and words its finding must contain.
    static let tamperings: [(sql: String, firstBroken: Int64?, says: String)] = [
        (unguard + "UPDATE events SET actor = 'sam' WHERE seq = 3", 3, "content does not match its hash"),
        (unguard + "UPDATE events SET payload = replace(payload, 'promo', 'PROMO') WHERE type = 'input-submitted'", nil, "edited after it was written"),
        (unguard + "DELETE FROM events WHERE seq = 4", 4, "event #4 is missing"),
        (unguard + "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)", nil, "written and is gone"),
        ("INSERT INTO events(cycle, time, actor, type, payload) VALUES ('2026-11', '2026-11-30T00:00:00.000Z', 'maria', 'cycle-closed', '{}')", nil, "inserted outside sop"),
        (unguard + "UPDATE events SET time = '2026-11-01T00:00:00.000Z' WHERE seq = 2", 2, "edited"),
        ("DROP TRIGGER events_are_append_only_delete", nil, "events_are_append_only_delete is gone"),
        ("UPDATE participants SET roles = '[\"leader\",\"sponsor\"]' WHERE id = 'dan'", nil, "team or the database settings"),
        ("UPDATE meta SET value = '2020-01-01T00:00:00.000Z' WHERE key = 'created_at'", nil, "team or the database settings"),
        ("UPDATE artifacts SET content = X'00'", nil, "does not match its SHA-256"),
        ("DELETE FROM artifacts", nil, "is missing: it was deleted"),
        ("INSERT INTO artifacts(sha256, size, content, stored_at) VALUES ('abc', 1, X'01', 'x')", nil, "not submitted by any event"),
        ("UPDATE follow_ups SET record = replace(record, 'Add it', 'Drop it') WHERE label = 'D-1'", nil, "D-1 differs from what its events say"),
        ("UPDATE follow_ups SET live = 0 WHERE label = 'P-2'", nil, "P-2 differs"),
        ("DELETE FROM follow_ups WHERE label = 'P-1'", nil, "P-1, recorded by events, is missing"),
        ("INSERT INTO follow_ups(label, kind, number, cycle, live, record) VALUES ('A-9', 'action', 9, '2026-11', 1, '{}')", nil, "A-9 has no event behind it"),
        ("UPDATE cycles SET opened_seq = 2 WHERE id = '2026-12'", nil, "cycle 2026-12 differs from its cycle-opened event"),
        ("DELETE FROM cycles WHERE id = '2026-12'", nil, "cycle 2026-12, opened in event"),
        ("UPDATE workflow_versions SET source = source || ' '", 1, "text does not match its SHA-256"),
        ("DELETE FROM meta WHERE key = 'audit_genesis'", nil, "no audit genesis"),
        ("DROP TRIGGER access_log_is_append_only_update; UPDATE access_log SET account = 'maria' WHERE number = 1", nil, "access log entry #1's content does not match its hash"),
        ("DROP TRIGGER access_log_is_append_only_delete; DELETE FROM access_log WHERE number = 2", nil, "access log entry #2 was written and is gone"),
        ("DROP TRIGGER access_log_is_append_only_delete; DELETE FROM access_log WHERE number = 1", nil, "access log entry #1 is missing"),
        ("INSERT INTO access_log(time, account, actor, command, rule, message, prev_hash, hash) VALUES ('t', 'x', 'y', 'z', 'identity', 'm', '', '')", nil, "access log entry #3 carries no hash"),
    ]

    @Test(arguments: 0..<Self.tamperings.count)
    func everyEditBehindSopsBackIsFound(_ index: Int) throws {
        let case_ = Self.tamperings[index]
        let folder = try TemporaryFolder()
        let database = try Self.sample(folder)
        #expect(try Self.audit(database).ok)
        try Self.tamper(database, case_.sql)
        let report = try Self.audit(database)
        #expect(!report.ok, "\(case_.sql)")
        #expect(report.findings.contains { $0.problem.contains(case_.says) }, "\(case_.sql): \(report.findings)")
        if let first = case_.firstBroken { #expect(report.firstBrokenSeq == first, "\(report.findings)") }
    }

    @Test func aStoredModelThatDiffersFromItsYAMLIsFound() throws {
        let folder = try TemporaryFolder()
        let database = try Self.sample(folder)
        var other = StoreFixture.workflow
        other.stages[0].signoffs = ["leader"]
        let report = try Self.audit(database, model: other)
        #expect(report.findings.map(\.problem).contains { $0.contains("stored model differs from its YAML text") })
    }

    @Test func rewritingAnEventsHashToMatchBreaksTheNextLink() throws {
        let folder = try TemporaryFolder()
        let database = try Self.sample(folder)
        let row = try database.read { tx in try Row.fetchOne(tx.db, sql: "SELECT * FROM events WHERE seq = 3") }
        guard let row else { throw FixtureError("no event 3") }
        let forged = AuditChain.link(prev: row["prev_hash"], seq: 3, cycle: row["cycle"], time: row["time"], actor: "sam", type: row["type"], payload: row["payload"])
        try Self.tamper(database, Self.unguard + "UPDATE events SET actor = 'sam', hash = '\(forged)' WHERE seq = 3")
        let report = try Self.audit(database)
        #expect(report.firstBrokenSeq == 4)
        #expect(report.findings.first { $0.seq == 4 }?.problem.contains("does not link to the one before it") == true)
    }

    @Test func aRefusedWriteLeavesTheChainWhereItWas() throws {
        let folder = try TemporaryFolder()
        let database = try Self.sample(folder)
        let before = try Self.audit(database)
        #expect(throws: FixtureError.self) {
            try database.write { tx in
                try tx.append([CycleEvent(cycle: "2026-12", time: StoreFixture.start, actor: "dan", payload: .cycleClosed(CycleClosed()))])
                throw FixtureError("refused after appending")
            }
        }
        #expect(try Self.audit(database) == before)
        // The next event takes the seq the rolled-back one would have had: no gap.
        let next = try database.append(CycleEvent(cycle: "2026-12", time: StoreFixture.start, actor: "dan", payload: .cycleClosed(CycleClosed())))
        #expect(next.seq == Int64(before.events + 1))
        #expect(try Self.audit(database).ok)
    }

    @Test func aDatabaseFromBeforeTheChainIsLinkedOnOpenWithTheSameHashes() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("f.db")
        let written: [String]
        do {
            let database = try Self.sample(folder)
            written = try database.read { tx in try String.fetchAll(tx.db, sql: "SELECT hash FROM events ORDER BY seq") }
            // Make it look as the previous release left it: no chain columns, no genesis, v4 not applied.
            try Self.tamper(database, """
                DROP TRIGGER events_are_append_only_update;
                ALTER TABLE events DROP COLUMN hash;
                ALTER TABLE events DROP COLUMN prev_hash;
                CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                DELETE FROM meta WHERE key = 'audit_genesis';
                DELETE FROM grdb_migrations WHERE identifier = 'v4-audit-chain';
                """)
            try database.close()
        }
        let reopened = try SOPDatabase(path: path)
        let linked = try reopened.read { tx in try String.fetchAll(tx.db, sql: "SELECT hash FROM events ORDER BY seq") }
        #expect(linked == written)
        #expect(try Self.audit(reopened).ok)
        #expect(throws: (any Error).self) { try Self.tamper(reopened, "UPDATE events SET actor = 'x' WHERE seq = 1") }
    }
}
