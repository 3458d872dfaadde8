import Foundation
import SOPCore
import SOPPostgres
import Testing

/// `sop roles --sql` and `identity: database`: each participant logs in as their own role with only the
/// rights sop needs, and the server refuses an event whose actor is not the one who logged in.
@Suite("Participants' roles and identity: database")
struct IdentityTests {
    @Test func theRolesSQLGivesEachLoginOnlyWhatSopNeeds() {
        let sql = PostgresRoles.sql(team: TestServer.team, database: "sop prod")
        #expect(sql.hasPrefix("-- sop roles --sql"))
        #expect(sql.contains("BEGIN;\n") && sql.hasSuffix("COMMIT;\n"))
        #expect(sql.contains(#"CREATE ROLE "maria" LOGIN"#) && sql.contains(#"CREATE ROLE "dan" LOGIN"#))
        #expect(sql.contains("-- sam has no login in the team file, so gets no role"))
        #expect(!sql.contains(#"CREATE ROLE "sam""#))
        #expect(sql.contains(#"GRANT CONNECT ON DATABASE "sop prod" TO "maria";"#))
        #expect(sql.contains(#"GRANT INSERT ON workflow_versions, events, cycles, artifacts, follow_ups, escalations, notifications, access_log, plan_readings, plan_values, plans_of_record TO "dan";"#))
        #expect(sql.contains(#"GRANT UPDATE ON cycles, follow_ups, escalations, notifications, plans_of_record TO "dan";"#))
        #expect(sql.contains(#"GRANT EXECUTE ON FUNCTION sop_lock_events(), sop_lock_access_log(), sop_head(text) TO "maria";"#))
        // Never a right that changes history or the team, and never a password.
        for line in sql.split(separator: "\n") where line.hasPrefix("GRANT") {
            #expect(!line.contains("DELETE") && !line.contains("TRUNCATE") && !line.contains("ALL"), "\(line)")
            #expect(!(line.contains("INSERT") || line.contains("UPDATE")) || !line.contains(" meta") && !line.contains("participants"), "\(line)")
        }
        #expect(!sql.lowercased().contains("password '"))
        #expect(PostgresRoles.statements(team: TestServer.team, database: "d").count == 2 * 8)
    }

    @Test func namesFromTheTeamFileCannotBreakOutOfTheSQL() {
        let team = Team(participants: [
            Participant(id: "x", name: "Evil\nDROP TABLE events; --", roles: ["leader"], login: #"o'brien"$sop$""#),
        ])
        let sql = PostgresRoles.sql(team: team, database: #"d"b"#)
        #expect(sql.contains(#"CREATE ROLE "o'brien""$sop$""" LOGIN"#))
        #expect(sql.contains(#"rolname = 'o''brien"$sop$"'"#))
        #expect(sql.contains("DO $sop1$ "))
        #expect(sql.contains(#"ON DATABASE "d""b""#))
        #expect(!sql.contains("\nDROP TABLE"))
    }

    @Test(.enabled(if: TestServer.available, TestServer.skipReason))
    func theGeneratedRolesWorkAndAParticipantCannotActAsAnother() throws {
        let (name, owner) = try TestServer.freshRecord()
        defer { owner.close() }
        try TestServer.initialise(owner, identity: "database")
        let password = TestServer.password
        try TestServer.createRoles(owner, database: name)

        let maria = try TestServer.login("maria", password: password, database: name)
        defer { maria.close() }
        let own = try PostgresEventLog.append([TestServer.event(1, actor: "maria")], on: maria)
        #expect(own.first?.actor == "maria")

        let asDan = fault { _ = try PostgresEventLog.append([TestServer.event(2, actor: "dan")], on: maria) }
        #expect(asDan?.problem == "database user maria is maria, so it may not record an event as dan")
        #expect(asDan?.sqlState == PostgresFault.identityRefusal)
        #expect(asDan?.fix.contains("identity: database") == true)

        // Borrowing dan's role changes current_user, not session_user: still maria, still refused.
        try owner.query(#"GRANT "dan" TO "maria""#)
        try maria.query(#"SET ROLE "dan""#)
        #expect(try maria.value("SELECT current_user") == "dan")
        let borrowed = fault { _ = try PostgresEventLog.append([TestServer.event(2, actor: "dan")], on: maria) }
        #expect(borrowed?.problem == "database user maria is maria, so it may not record an event as dan")
        try maria.query("RESET ROLE")

        // The owner is nobody's login: under identity: database it records no event at all.
        let byOwner = fault { _ = try PostgresEventLog.append([TestServer.event(2, actor: "maria")], on: owner) }
        #expect(byOwner?.problem.contains("database user postgres is no participant's login") == true)

        let dan = try TestServer.login("dan", password: password, database: name)
        defer { dan.close() }
        let dans = try PostgresEventLog.append([TestServer.event(2, actor: "dan")], on: dan)
        #expect(dans.first?.seq == 2)
        #expect(try PostgresEventLog.all(on: owner).map(\.actor) == ["maria", "dan"])
    }

    @Test(.enabled(if: TestServer.available, TestServer.skipReason))
    func aParticipantHasNoRightToChangeHistoryOrTheTeam() throws {
        let (name, owner) = try TestServer.freshRecord()
        defer { owner.close() }
        try TestServer.initialise(owner)
        let password = TestServer.password
        try TestServer.createRoles(owner, database: name)
        let dan = try TestServer.login("dan", password: password, database: name)
        defer { dan.close() }
        try PostgresEventLog.append([TestServer.event(1, actor: "dan")], on: dan)
        for statement in [
            "UPDATE events SET payload = '{}'", "DELETE FROM events", "TRUNCATE events CASCADE",
            "INSERT INTO participants VALUES (9, 'eve', 'Eve', '[\"leader\"]', 'eve', NULL)", "UPDATE meta SET value = 'x'",
            "UPDATE record_head SET hash = 'x'", "SELECT sop_seal_genesis()",
        ] {
            let refused = fault { try dan.query(statement) }
            #expect(refused?.sqlState == "42501", "\(statement): \(String(describing: refused))")
            #expect(refused?.problem.hasPrefix("dan may not do this on \(name): permission denied") == true, "\(String(describing: refused))")
            #expect(refused?.fix == "ask the database owner to run the grants that sop roles --sql prints")
        }
        // Running the roles SQL again (after a team change, say) is safe and changes nothing.
        try owner.transaction { () throws(PostgresFault) in try owner.execute(PostgresRoles.statements(team: TestServer.team, database: name)) }
        #expect(try PostgresEventLog.append([TestServer.event(2, actor: "dan")], on: dan).first?.seq == 2)
    }
}
