import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The access log (migration `v5-access-log`): refused attempts kept apart from `events`, append-only,
/// text escaped and bounded; and the team's identity setting stored with the team.
@Suite struct AccessLogTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static func attempt(_ command: String, actor: String? = "dan", rule: String = "permission", at offset: TimeInterval = 0) -> RefusedAttempt {
        RefusedAttempt(
            time: StoreFixture.start.addingTimeInterval(offset), account: "root", actor: actor, command: command,
            rule: rule, message: "dan may not close the cycle: only the leader may")
    }

    @Test func theTableHasItsColumnsAndTwoAppendOnlyTriggers() throws {
        let database = try SOPDatabase(path: folder.path("sop.db"))
        let (columns, triggers) = try database.read { tx in
            (
                try tx.db.columns(in: "access_log").map(\.name),
                try String.fetchSet(tx.db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'access_log'")
            )
        }
        #expect(columns == ["number", "time", "account", "actor", "command", "rule", "message", "prev_hash", "hash"])
        #expect(triggers.count == 2, "one trigger refusing UPDATE and one refusing DELETE")
    }

    @Test func attemptsAreNumberedAndReadBackOldestFirst() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        try database.recordRefusedAttempts([Self.attempt("cycle close", at: 0), Self.attempt("waive demand --reason x", at: 1.5)])
        try database.recordRefusedAttempts([Self.attempt("sop --as lee status", actor: nil, rule: "identity", at: 3)])
        let all = try database.read { try $0.refusedAttempts() }
        #expect(all.map(\.number) == [1, 2, 3])
        #expect(all.map(\.command) == ["cycle close", "waive demand --reason x", "sop --as lee status"])
        #expect(all[2].actor == nil && all[2].rule == "identity")
        #expect(all[1].time == StoreFixture.start.addingTimeInterval(1.5), "milliseconds survive the round trip")
        let time = try database.read { try String.fetchOne($0.db, sql: "SELECT time FROM access_log WHERE number = 1") }
        #expect(time == "2026-11-02T09:00:00.000Z", "ISO 8601 UTC with milliseconds, like events.time")
        #expect(try database.read { try $0.refusedAttempts(limit: 2) }.map(\.number) == [2, 3], "the newest N, oldest first")
    }

    @Test func theLogIsKeptApartFromTheEvents() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        var cycle = try ScriptedCycle(database)
        try cycle.playSample()
        let before = try database.read { try $0.events(cycle: "2026-11") }
        try database.recordRefusedAttempts([Self.attempt("cycle close")])
        #expect(try database.read { try $0.events(cycle: "2026-11") } == before)
        #expect(try database.eventCount() == before.count)
    }

    @Test(arguments: [
        "UPDATE access_log SET actor = 'mallory'",
        "UPDATE access_log SET message = '' WHERE number = 1",
        "DELETE FROM access_log",
        "DELETE FROM access_log WHERE number = 1",
    ])
    func theLogIsAppendOnly(sql: String) throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        try database.recordRefusedAttempts([Self.attempt("cycle close")])
        let before = try database.read { try $0.refusedAttempts() }
        let error = #expect(throws: DatabaseError.self) {
            try database.write { tx in try tx.db.execute(sql: sql) }
        }
        #expect(error?.message?.contains("append-only") == true, "\(String(describing: error))")
        #expect(try database.read { try $0.refusedAttempts() } == before)
    }

    @Test func controlCharactersAreEscapedAndTheCommandIsBounded() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        let long = "submit demand --note " + String(repeating: "x", count: 2000)
        var sneaky = Self.attempt("as \u{1B}[31mlee\nwaive all\t\u{7F}\u{85}", actor: "lee\u{1B}[0m")
        sneaky.account = "ro\u{0}ot"
        try database.recordRefusedAttempts([sneaky, Self.attempt(long)])
        let rows = try database.read { try $0.refusedAttempts() }
        #expect(rows[0].command == "as \\u{1B}[31mlee\\nwaive all\\t\\u{7F}\\u{85}")
        #expect(rows[0].actor == "lee\\u{1B}[0m")
        #expect(rows[0].account == "ro\\u{0}ot")
        #expect(rows[1].command.count == AccessLogText.commandLimit)
        #expect(rows[1].command.hasSuffix("…") && rows[1].command.hasPrefix("submit demand --note xxx"))
        for row in rows {
            for text in [row.command, row.account, row.actor ?? "", row.message] {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(text)")
            }
        }
    }

    @Test func anOlderDatabaseGainsTheTableOnOpen() throws {
        let path = folder.path("sop.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v3-escalations")
            try queue.close()
        }
        let database = try SOPDatabase(path: path)
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        try database.recordRefusedAttempts([Self.attempt("cycle close")])
        #expect(try database.read { try $0.refusedAttempts() }.count == 1)
    }

    // MARK: the identity setting

    @Test func theIdentitySettingIsStoredWithTheTeam() throws {
        let path = folder.path("sop.db")
        var team = StoreFixture.team
        team.identity = .os
        try SOPDatabase(path: path).initialize(workflow: StoreFixture.version, team: team, at: StoreFixture.start)
        let reopened = try SOPDatabase(path: path)
        #expect(try reopened.read { try $0.team() } == team)
        #expect(try reopened.read { try $0.meta("identity") } == "os")
    }

    @Test func aDatabaseWithoutTheSettingIsDeclared() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        // As a database made before the setting existed: no `identity` row.
        try database.write { tx in try tx.db.execute(sql: "DELETE FROM meta WHERE key = 'identity'") }
        #expect(try database.read { try $0.team() }.identity == .declared)
        #expect(try database.read { try $0.team() }.participants == StoreFixture.team.participants)
    }

    @Test func anUnknownSettingIsAnErrorNotDeclared() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        try database.write { tx in try tx.setMeta("identity", "kerberos") }
        let error = #expect(throws: StoreError.self) { try database.read { try $0.team() } }
        #expect(error?.message.contains("kerberos") == true)
    }
}
