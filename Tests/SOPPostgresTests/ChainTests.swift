import Foundation
import GRDB
import SOPCore
import SOPPostgres
import Testing

@testable import SOPStore

/// The record's chain on a real server: the schema installs, the server links events exactly as
/// SOPStore does on SQLite (same genesis, same hashes, same head), and refuses what would bend it.
@Suite("The PostgreSQL record keeps SOPStore's chain", .enabled(if: TestServer.available, TestServer.skipReason))
struct ChainTests {
    @Test func theSchemaInstallsOnceWithEveryTableOfTheSQLiteRecord() throws {
        let name = try TestServer.emptyDatabase()
        let session = try TestServer.superuser(database: name)
        defer { session.close() }
        #expect(try !PostgresRecord.isInstalled(on: session))
        try PostgresRecord.install(on: session)
        #expect(try PostgresRecord.isInstalled(on: session))

        // Every SQLite table of the record is there with the same columns (GRDB's own table aside).
        let sqlite = try SOPDatabase()
        let sqliteColumns = try sqlite.read { tx in
            try Row.fetchAll(tx.db, sql: """
                SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'grdb_%' ORDER BY 1, 2
                """).map { "\($0["t"] as String).\($0["c"] as String)" }
        }
        let postgresColumns = try session.query("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'record_head' ORDER BY table_name COLLATE "C", column_name COLLATE "C"
            """).compactMap { $0.first ?? nil }
        #expect(postgresColumns == sqliteColumns)
        #expect(Set(PostgresSchema.tables.map(\.name)) == Set(sqliteColumns.map { String($0.split(separator: ".")[0]) }))

        let again = fault { try PostgresRecord.install(on: session) }
        #expect(again?.problem.contains("already holds a sop record") == true)
        // Payloads are compared and hashed byte for byte.
        #expect(try session.value("SELECT collation_name::text FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'payload'") == "C")
    }

    @Test func aDatabaseNotInUTF8IsRefusedBeforeAnythingIsCreated() throws {
        let admin = try TestServer.superuser()
        defer { admin.close() }
        let name = "latin1_\(getpid())_\(Int.random(in: 1...1_000_000))"
        try admin.query("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'")
        let session = try TestServer.superuser(database: name)
        defer { session.close() }
        let refused = fault { try PostgresRecord.install(on: session) }
        #expect(refused?.problem.contains("uses the encoding LATIN1") == true)
        #expect(refused?.fix.contains("createdb -E UTF8") == true)
        #expect(try !PostgresRecord.isInstalled(on: session))
    }

    /// The key cross-check: the same team and events in SQLite (through SOPStore) and in PostgreSQL
    /// (through the lock function and the link trigger) give the same genesis, hashes and head.
    @Test func theServerLinksEventsExactlyAsSOPStoreDoes() throws {
        let sqlite = try SOPDatabase()
        let version = WorkflowVersion(source: "workflow: pg\ntitle: PG\n", sourceName: "pg.yaml", workflow: Workflow(id: "pg", title: "PG", roles: [], stages: []))
        let start = Date(timeIntervalSince1970: 1_793_610_000)
        try sqlite.initialize(workflow: version, team: TestServer.team, at: start)
        // Payloads with what a hash must not lose: non-ASCII, newlines, quotes, backslashes, emoji.
        let reasons = ["plain", "Müller's «Planung»", "two\nlines\r\nand a tab\t", #"quote " and \ backslash"#, "📦 ünïcödé", String(repeating: "x", count: 5000)]
        var events: [CycleEvent] = []
        for (index, reason) in reasons.enumerated() {
            events.append(CycleEvent(
                cycle: "2026-11", time: start.addingTimeInterval(Double(index) + 0.125), actor: index % 2 == 0 ? "maria" : "dan",
                payload: .waived(Waived(stage: "demand", reason: reason))))
        }
        try sqlite.write { tx in _ = try tx.append(Array(events.prefix(3))) }
        try sqlite.write { tx in _ = try tx.append(Array(events.dropFirst(3))) }

        let (meta, participants, sqliteEvents) = try sqlite.read { tx in
            (try Row.fetchAll(tx.db, sql: "SELECT key, value FROM meta WHERE key <> 'audit_genesis' ORDER BY key"),
             try Row.fetchAll(tx.db, sql: "SELECT position, id, name, roles, login, email FROM participants ORDER BY position"),
             try Row.fetchAll(tx.db, sql: "SELECT seq, cycle, time, actor, type, payload, prev_hash, hash FROM events ORDER BY seq"))
        }
        let sqliteGenesis = try sqlite.read { tx in try tx.meta("audit_genesis") }

        let (_, session) = try TestServer.freshRecord()
        defer { session.close() }
        try session.transaction { () throws(PostgresFault) in
            for row in meta { try session.query("INSERT INTO meta(key, value) VALUES ($1, $2)", [row["key"], row["value"]]) }
            for row in participants {
                try session.query(
                    "INSERT INTO participants(position, id, name, roles, login, email) VALUES ($1::integer, $2, $3, $4, $5, $6)",
                    [String(row["position"] as Int), row["id"], row["name"], row["roles"], row["login"], row["email"]])
            }
        }
        let genesis = try PostgresRecord.sealGenesis(on: session)
        #expect(genesis == sqliteGenesis)

        // The same rows, appended through the lock in the same two commands; the server computes each hash.
        let rows = sqliteEvents.map { row in
            PostgresEventLog.NewEvent(cycle: row["cycle"], time: row["time"], actor: row["actor"], type: row["type"], payload: row["payload"])
        }
        let stored = try PostgresEventLog.append(Array(rows.prefix(3)), on: session) + PostgresEventLog.append(Array(rows.dropFirst(3)), on: session)
        #expect(stored.map(\.hash) == sqliteEvents.map { $0["hash"] as String })
        #expect(stored.map(\.prevHash) == sqliteEvents.map { $0["prev_hash"] as String })
        #expect(stored.map(\.seq) == Array(1...Int64(reasons.count)))
        #expect(try PostgresEventLog.all(on: session).map(\.payload) == sqliteEvents.map { $0["payload"] as String })

        // The head the next writer gets is SQLite's newest hash, and the chain verifies from the genesis.
        let head = try session.transaction { () throws(PostgresFault) in try PostgresEventLog.lock(session) }
        #expect(head.hash == sqliteEvents.last.map { $0["hash"] as String })
        #expect(head.nextSeq == Int64(reasons.count + 1))
        #expect(verify(try PostgresEventLog.all(on: session), from: genesis) == nil)
    }

    @Test func theServersClockTimesAnEventWithoutATime() throws {
        let (_, session) = try TestServer.freshRecord()
        defer { session.close() }
        try TestServer.initialise(session)
        let stored = try PostgresEventLog.append([TestServer.event(1, time: nil)], on: session)
        let time = try #require(stored.first?.time)
        let parsed = try #require(Stamp.parseISO(time), "\(time) is not ISO 8601")
        // Stamp.iso's shape: date, T, time to the millisecond, Z (Foundation's own round trip may move the last digit).
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(time)")
        #expect(abs(Stamp.iso(parsed).compare(time) == .orderedSame ? 0 : parsed.timeIntervalSince(Stamp.parseISO(Stamp.iso(parsed)) ?? parsed)) < 0.002)
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
        #expect(verify(try PostgresEventLog.all(on: session), from: try #require(try session.value("SELECT value FROM meta WHERE key = 'audit_genesis'"))) == nil)
    }

    @Test func aWriterThatSkipsTheLockCannotForkOrBendTheChain() throws {
        let (_, session) = try TestServer.freshRecord()
        defer { session.close() }
        let genesis = try TestServer.initialise(session)
        let first = try #require(PostgresEventLog.append([TestServer.event(1)], on: session).first)

        let wrongSeq = fault { _ = try PostgresEventLog.insert(TestServer.event(2), seq: 5, prevHash: first.hash, on: session) }
        #expect(wrongSeq?.problem == "event 5 is out of order: the record's next is 2")
        #expect(wrongSeq?.sqlState == PostgresFault.recordRefusal)
        let replay = fault { _ = try PostgresEventLog.insert(TestServer.event(2), seq: 1, prevHash: genesis, on: session) }
        #expect(replay?.problem.contains("out of order") == true)
        let wrongPrev = fault { _ = try PostgresEventLog.insert(TestServer.event(2), seq: 2, prevHash: genesis, on: session) }
        #expect(wrongPrev?.problem.contains("event 2 does not follow the record's newest link") == true)
        #expect(wrongPrev?.fix.contains("sop_lock_events()") == true)
        let forged = fault {
            try session.query(
                "INSERT INTO events (seq, cycle, time, actor, type, payload, prev_hash, hash) VALUES (2, 'c', 't', 'maria', 'x', '{}', $1, $2)",
                [first.hash, String(repeating: "0", count: 64)])
        }
        #expect(forged?.problem.contains("does not match its content") == true)

        // A correct insert without the lock is still linked by the trigger, which takes the lock itself.
        let second = try PostgresEventLog.insert(TestServer.event(2), seq: 2, prevHash: first.hash, on: session)
        #expect(second.prevHash == first.hash)
        #expect(verify(try PostgresEventLog.all(on: session), from: genesis) == nil)
        #expect(try PostgresEventLog.all(on: session).count == 2)
    }

    @Test(arguments: [
        "UPDATE events SET payload = '{}' WHERE seq = 1",
        "DELETE FROM events WHERE seq = 1",
        "TRUNCATE events CASCADE",
        "UPDATE meta SET value = 'os' WHERE key = 'identity'",
        "DELETE FROM participants WHERE id = 'dan'",
        "UPDATE participants SET login = 'maria2' WHERE id = 'maria'",
        "TRUNCATE access_log",
        "DELETE FROM cycles",
        "TRUNCATE follow_ups",
        "DELETE FROM follow_ups WHERE label = 'A-1'",
        "UPDATE workflow_versions SET source = 'x'",
        "UPDATE record_head SET hash = 'x'",
        "DELETE FROM record_head",
        "TRUNCATE record_head",
    ])
    func historyCannotBeChangedEvenByTheOwner(statement: String) throws {
        let (_, session) = try TestServer.freshRecord()
        defer { session.close() }
        let genesis = try TestServer.initialise(session)
        try PostgresEventLog.append([TestServer.event(1), TestServer.event(2)], on: session)
        // A cycle and a follow-up, so the row triggers of the current-record tables have rows to guard.
        try session.query("INSERT INTO workflow_versions VALUES ('w', 'pg', 'PG', 'pg.yaml', 'workflow: pg', '{}', 't')")
        try session.query("INSERT INTO cycles VALUES ('2026-11', 'w', 1)")
        try session.query("INSERT INTO follow_ups(label, kind, number, cycle, live, record) VALUES ('A-1', 'action', 1, '2026-11', 1, '{}')")
        let refused = fault { try session.query(statement) }
        #expect(refused?.sqlState == PostgresFault.recordRefusal, "\(statement): \(String(describing: refused))")
        #expect(refused?.problem.contains("is refused") == true, "\(String(describing: refused))")
        #expect(try PostgresEventLog.all(on: session).count == 2)
        #expect(verify(try PostgresEventLog.all(on: session), from: genesis) == nil)
        #expect(try session.value("SELECT count(*) FROM participants") == "3")
    }

    @Test func theRecordIsSealedOnce() throws {
        let (_, session) = try TestServer.freshRecord()
        defer { session.close() }
        let notYet = fault { _ = try PostgresEventLog.append([TestServer.event(1)], on: session) }
        #expect(notYet?.problem.contains("has no head yet") == true)
        try TestServer.initialise(session)
        let twice = fault { try PostgresRecord.sealGenesis(on: session) }
        #expect(twice?.problem == "the record is already sealed")
    }
}

/// The first broken link of `rows` from `genesis`, recomputed in Swift with SOPStore's AuditChain; nil
/// when the chain is whole and gapless.
func verify(_ rows: [PostgresEventLog.Row], from genesis: String) -> String? {
    var prev = genesis
    for (index, row) in rows.enumerated() {
        if row.seq != Int64(index + 1) { return "seq \(row.seq) where \(index + 1) was next" }
        if row.prevHash != prev { return "event \(row.seq) does not follow its predecessor" }
        let hash = AuditChain.link(prev: prev, seq: row.seq, cycle: row.cycle, time: row.time, actor: row.actor, type: row.type, payload: row.payload)
        if hash != row.hash { return "event \(row.seq)'s hash is not SOPStore's" }
        prev = hash
    }
    return nil
}

/// The access log of refused attempts is a chain of its own, linked by the server like SOPStore's.
@Suite("The PostgreSQL access log", .enabled(if: TestServer.available, TestServer.skipReason))
struct AccessLogChainTests {
    @Test func entriesAreLinkedAsSOPStoreLinksThemAndNameTheConnectionsUser() throws {
        let (name, owner) = try TestServer.freshRecord()
        defer { owner.close() }
        let genesis = try TestServer.initialise(owner, identity: "database")
        try TestServer.createRoles(owner, database: name)
        let dan = try TestServer.login("dan", password: TestServer.password, database: name)
        defer { dan.close() }
        let insert = """
            INSERT INTO access_log (number, time, account, actor, command, rule, message, prev_hash)
            VALUES ($1::bigint, $2, $3, $4, $5, 'identity', 'refused', $6) RETURNING hash
            """
        let (head, hash) = try dan.transaction { () throws(PostgresFault) -> ([[String?]], String?) in
            let head = try dan.query("SELECT next_key, head_hash FROM sop_lock_access_log()")
            return (head, try dan.value(insert, ["1", "2026-11-02T09:00:00.000Z", "dan", nil, "sop --as maria status", genesis]))
        }
        #expect(head == [["1", genesis]])
        #expect(hash == AuditChain.link(
            prev: genesis, key: 1, fields: ["2026-11-02T09:00:00.000Z", "dan", nil, "sop --as maria status", "identity", "refused"]))
        // Under identity: database the entry names who logged in, not an account of the client's choosing.
        let other = fault {
            try dan.transaction { () throws(PostgresFault) in
                let head = try dan.query("SELECT next_key, head_hash FROM sop_lock_access_log()")
                try dan.query(insert, [head.first?[0], "2026-11-02T09:00:01.000Z", "maria", "maria", "status", head.first?[1]])
            }
        }
        #expect(other?.problem == "an access log entry must name the database user dan, not maria")
    }
}
