import Foundation
import Testing

/// `identity: database` on a real server, as a team would run it: the owner sets the record up with
/// `sop init`, gives each participant a login with `sop roles --sql`, and from then on the database user
/// of the connection decides who acts, checked by sop and by the server itself.
@Suite(.enabled(if: TestServer.available, "SOP_TEST_PG_URL is not set: eval \"$(scripts/pg-cluster start)\""))
struct ServerIdentityTests {
    /// Logins are the cluster's, shared by every database: each run gets its own.
    let tag = String(UUID().uuidString.prefix(8)).lowercased()
    var maria: String { "maria_\(tag)" }
    var dan: String { "dan_\(tag)" }
    let password = "pw-\(UUID().uuidString.prefix(6))"

    var team: String {
        let people = [
            ("maria", "Maria Lopez", "leader", maria), ("sam", "Sam Okafor", "sponsor", "sam_\(tag)"),
            ("priya", "Priya Raman", "product", "priya_\(tag)"), ("dan", "Dan Kowalski", "demand", dan),
            ("lee", "Lee Chen", "demand", "lee_\(tag)"), ("sofia", "Sofia Rossi", "sales", "sofia_\(tag)"),
            ("omar", "Omar Haddad", "supply", "omar_\(tag)"), ("fiona", "Fiona Byrne", "finance", "fiona_\(tag)"),
        ]
        return "identity: database\nteam:\n" + people.map { "  - { id: \($0.0), name: \($0.1), roles: [\($0.2)], login: \"\($0.3)\" }\n" }.joined()
    }

    /// The owner's steps from the README: init with the team, the roles SQL through psql, passwords.
    func setUp(_ box: Sandbox) throws -> (owner: String, as: (String) -> String) {
        let owner = try TestServer.database()
        let created = try box.run(["--db", owner, "init", "--team", try box.write("team.yaml", team)], db: false)
        #expect(created.code == 0, "\(created)")
        let roles = try box.run(["--db", owner, "roles", "--sql"], db: false)
        #expect(roles.code == 0, "\(roles)")
        let file = try box.write("roles.sql", roles.out)
        try TestServer.psql(owner, file: file)
        for login in [maria, dan] { try TestServer.psql(owner, command: "ALTER ROLE \"\(login)\" PASSWORD '\(password)'") }
        // The participant's own URL: the owner's server and database, their login instead of the owner's.
        let server = try #require(owner.range(of: "@")).upperBound
        return (owner, { login in "postgresql://\(login)@" + owner[server...] })
    }

    @Test func theConnectionsLoginActsAndNamingAnyoneElseIsRefusedAndLogged() throws {
        let box = try Sandbox()
        let (_, url) = try setUp(box)
        let env = ["PGPASSWORD": password]
        let opened = try box.run(["--db", url(maria), "cycle", "open", "2026-11"], env: env, db: false)
        #expect(opened.code == 0, "\(opened)")
        let claimed = try box.run(["--db", url(maria), "--as", "dan", "status"], env: env, db: false)
        #expect(claimed.code == 1, "\(claimed)")
        #expect(claimed.err.contains("identity: database") && claimed.err.contains("database user '\(maria)'"), "\(claimed.err)")
        #expect(claimed.err.split(separator: "\n").allSatisfy { isErrorLine(String($0)) }, "\(claimed.err)")
        let refused = try box.run(["--db", url(maria), "--json", "log", "--refused"], env: env, db: false)
        #expect(refused.code == 0, "\(refused)")
        let entries = try #require(try refused.json() as? [[String: Any]])
        #expect(entries.count == 1 && entries.first?["actor"] as? String == "dan" && entries.first?["account"] as? String == maria, "\(refused.out)")
        // The line kept is the command as typed, with the URL as given (no password was in it).
        #expect((entries.first?["command"] as? String)?.contains("--as dan") == true)
        let log = try box.run(["--db", url(dan), "--json", "log"], env: env, db: false)
        let events = try #require(try log.json() as? [[String: Any]])
        #expect(events.map { $0["actor"] as? String } == ["maria"], "\(log.out)")
    }

    @Test func theServerRefusesAnEventRecordedAsSomeoneElseEvenFromPsql() throws {
        let box = try Sandbox()
        let (owner, url) = try setUp(box)
        let env = ["PGPASSWORD": password]
        #expect(try box.run(["--db", url(maria), "cycle", "open", "2026-11"], env: env, db: false).code == 0)
        let forged = """
            BEGIN;
            SELECT next_key, head_hash FROM sop_lock_events() \\gset
            INSERT INTO events(seq, cycle, time, actor, type, payload, prev_hash)
                VALUES (:next_key, '2026-11', '2026-11-05T10:00:00.000Z', 'maria', 'stage-waived', '{}', :'head_hash');
            COMMIT;
            """
        let file = try box.write("forge.sql", forged)
        let attempt = try TestServer.psqlOutcome(url(dan), file: file, password: password)
        #expect(attempt.code != 0)
        #expect(attempt.err.contains("may not record an event as maria"), "\(attempt.err)")
        #expect(try TestServer.eventCount(owner) == 1)
    }

    @Test func aWrongPasswordIsOneSentenceWithAFix() throws {
        let box = try Sandbox()
        let (_, url) = try setUp(box)
        let wrong = try box.run(["--db", url(maria), "status"], env: ["PGPASSWORD": "not-it"], db: false)
        #expect(wrong.code == 1, "\(wrong)")
        #expect(wrong.err.split(separator: "\n").count == 1 && isErrorLine(wrong.err.trimmingCharacters(in: .newlines)), "\(wrong.err)")
        #expect(wrong.err.contains(maria) && !wrong.err.contains("not-it"), "\(wrong.err)")
    }

    @Test func theAuditReportsADisabledTriggerAndAnExtraRight() throws {
        let box = try Sandbox()
        let (owner, url) = try setUp(box)
        let env = ["PGPASSWORD": password]
        #expect(try box.run(["--db", url(maria), "cycle", "open", "2026-11"], env: env, db: false).code == 0)
        #expect(try box.run(["--db", url(maria), "audit", "verify"], env: env, db: false).code == 0)
        try TestServer.psql(owner, command: "ALTER TABLE events DISABLE TRIGGER events_append_only; GRANT DELETE ON events TO \"\(dan)\"")
        let audit = try box.run(["--db", url(maria), "audit", "verify"], env: env, db: false)
        #expect(audit.code == 1, "\(audit)")
        #expect(audit.out.contains("events_append_only is disabled"), "\(audit.out)")
        #expect(audit.out.contains("\(dan) holds DELETE on events"), "\(audit.out)")
    }
}

extension ServerIdentityTests {
    /// A record whose team uses `identity: database` goes out to a file and into a second database: the
    /// owner loads it in the transaction that seals it, the chain comes across whole, and the logins act
    /// on the new database once the owner has run the roles SQL there.
    @Test func aRecordUnderDatabaseIdentityMovesThroughAFileIntoAnotherDatabase() throws {
        let box = try Sandbox()
        let (owner, url) = try setUp(box)
        let env = ["PGPASSWORD": password]
        #expect(try box.run(["--db", url(maria), "cycle", "open", "2026-11"], env: env, db: false).code == 0)
        let file = box.path("moved.db")
        #expect(try box.run(["--db", owner, "backup", file], db: false).code == 0)
        let second = try TestServer.database()
        let copied = try box.run(["--db", file, "copy", "--to", second], db: false)
        #expect(copied.code == 0, "\(copied)")
        let roles = try box.run(["--db", second, "roles", "--sql"], db: false)
        try TestServer.psql(second, file: try box.write("roles2.sql", roles.out))
        let server = try #require(second.range(of: "@")).upperBound
        let danOnSecond = "postgresql://\(dan)@" + second[server...]
        let log = try box.run(["--db", danOnSecond, "--json", "log"], env: env, db: false)
        #expect(log.code == 0, "\(log)")
        #expect(((try log.json() as? [[String: Any]]) ?? []).map { $0["actor"] as? String } == ["maria"], "\(log.out)")
        let heads = try [owner, second].map { store in
            ((try box.run(["--db", store, "--json", "audit", "verify"], db: false).json() as? [String: Any])?["audit"] as? [String: Any])?["head"] as? String
        }
        #expect(heads[0] != nil && heads[0] == heads[1], "\(heads)")
        // Sealed: the owner, nobody's login, now records nothing there, even with psql.
        let forged = try TestServer.psqlOutcome(second, file: try box.write("forge.sql", """
            BEGIN;
            SELECT next_key, head_hash FROM sop_lock_events() \\gset
            INSERT INTO events(seq, cycle, time, actor, type, payload, prev_hash)
                VALUES (:next_key, '2026-11', '2026-11-05T10:00:00.000Z', 'maria', 'stage-waived', '{}', :'head_hash');
            COMMIT;
            """))
        #expect(forged.code != 0 && forged.err.contains("is no participant's login"), "\(forged.err)")
    }
}

extension TestServer {
    struct PsqlOutcome { var code: Int32; var out: String; var err: String }

    static func psqlOutcome(_ url: String, file: String? = nil, command: String? = nil, password: String? = nil) throws -> PsqlOutcome {
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [url, "-q", "-v", "ON_ERROR_STOP=1"] + (file.map { ["-f", $0] } ?? []) + (command.map { ["-c", $0] } ?? [])
        var env = ProcessInfo.processInfo.environment
        env["PGPASSWORD"] = password
        psql.environment = env
        let out = Pipe(), err = Pipe()
        psql.standardOutput = out
        psql.standardError = err
        try psql.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        psql.waitUntilExit()
        return PsqlOutcome(code: psql.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    /// Runs SQL as the owner; a failure fails the test with psql's own message.
    static func psql(_ url: String, file: String? = nil, command: String? = nil) throws {
        let outcome = try psqlOutcome(url, file: file, command: command)
        guard outcome.code == 0 else { throw E2EError("psql failed on \(url): \(outcome.err)") }
    }
}
