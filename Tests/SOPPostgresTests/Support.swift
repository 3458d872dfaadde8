import Foundation
import SOPCore
import SOPPostgres
import Synchronization
import Testing

/// The test server: `scripts/test` starts a throw-away cluster (`scripts/pg-cluster`) and exports its
/// superuser URL as SOP_TEST_PG_URL. Without it the server tests fail under CI=true (a CI run that
/// skipped them would prove nothing) and are skipped locally with the reason printed by the runner.
enum TestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["SOP_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = environment["CI"] == "true"

    /// Runs where there is a server, and always in CI, where a missing one is a failure.
    static let available = url != nil || inCI
    static let skipReason: Comment = "SOP_TEST_PG_URL is not set: start a server with eval \"$(scripts/pg-cluster start)\" (scripts/test does)"

    struct Missing: Error, CustomStringConvertible {
        var description: String { "SOP_TEST_PG_URL is not set, and CI needs the PostgreSQL tests to run (scripts/test starts the cluster)" }
    }

    /// The superuser's address on the test server, with the database swapped for `database`.
    static func address(database: String? = nil) throws -> PostgresAddress {
        guard let url else { throw Missing() }
        var address = try PostgresAddress.parse(url)
        if let database { address.database = database }
        return address
    }

    /// A session as the superuser (trusted on loopback by pg-cluster's pg_hba.conf).
    static func superuser(database: String? = nil) throws -> PostgresSession {
        try PostgresSession.connect(try address(database: database), environment: [:])
    }

    private static let counter = Atomic<Int>(0)
    private static let templateMade = Mutex<String?>(nil)

    /// A database of its own for one test, with sop's schema installed and nothing in it, copied from a
    /// template made once per test process (CREATE DATABASE ... TEMPLATE takes ~0.2 s, installing ~1 s).
    static func freshRecord() throws -> (name: String, session: PostgresSession) {
        let template = try templateMade.withLock { made throws -> String in
            if let made { return made }
            let name = "sop_template_\(getpid())"
            let admin = try superuser()
            defer { admin.close() }
            try admin.query("DROP DATABASE IF EXISTS \(name)")
            try admin.query("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
            let session = try superuser(database: name)
            try PostgresRecord.install(on: session)
            session.close()
            made = name
            return name
        }
        let name = try emptyDatabase(template: template)
        return (name, try superuser(database: name))
    }

    /// A new database copied from `template` (template0: nothing of sop in it).
    static func emptyDatabase(template: String = "template0") throws -> String {
        let name = "t\(counter.add(1, ordering: .relaxed).newValue)_\(getpid())"
        let admin = try superuser()
        defer { admin.close() }
        // Two copies of one template at once are refused while the template has a connection; the lock
        // keeps this process's copies one at a time.
        try creating.withLock { _ in
            try admin.query("DROP DATABASE IF EXISTS \(name)")
            try admin.query("CREATE DATABASE \(name) TEMPLATE \(template) ENCODING 'UTF8'")
        }
        return name
    }

    private static let creating = Mutex<Void>(())

    /// The team the server tests use: two participants with logins, one without.
    static let team = Team(participants: [
        Participant(id: "maria", name: "Maria Lopez", roles: ["leader"], login: "maria", email: "maria@example.com"),
        Participant(id: "sam", name: "Sam Okafor", roles: ["sponsor"]),
        Participant(id: "dan", name: "Dan Kowalski", roles: ["demand"], login: "dan"),
    ])

    /// Writes meta and the team as `sop init` leaves them and seals the genesis (owner's session).
    @discardableResult
    static func initialise(_ session: PostgresSession, identity: String = "declared", team: Team = team, meta: [String: String] = [:]) throws -> String {
        let rows = ["default_workflow": String(repeating: "a", count: 64), "created_at": "2026-11-02T09:00:00.000Z", "identity": identity]
            .merging(meta) { _, new in new }
        try session.transaction { () throws(PostgresFault) in
            for (key, value) in rows { try session.query("INSERT INTO meta(key, value) VALUES ($1, $2)", [key, value]) }
            for (position, p) in team.participants.enumerated() {
                let roles = "[" + p.roles.map { "\"\($0)\"" }.joined(separator: ",") + "]"
                try session.query(
                    "INSERT INTO participants(position, id, name, roles, login, email) VALUES ($1::integer, $2, $3, $4, $5, $6)",
                    [String(position), p.id, p.name, roles, p.login, p.email])
            }
        }
        return try PostgresRecord.sealGenesis(on: session)
    }

    /// Roles are the cluster's, not one database's: every test shares this password, and the lock keeps
    /// two tests from creating the same role at once.
    static let password = "sop-test-\(getpid())"
    private static let roles = Mutex<Void>(())

    /// Gives every participant with a login their role (from `sop roles --sql`) and the shared password.
    static func createRoles(_ session: PostgresSession, database: String, team: Team = team) throws {
        try roles.withLock { _ in try grantRoles(session, database: database, team: team) }
    }

    private static func grantRoles(_ session: PostgresSession, database: String, team: Team) throws {
        try session.transaction { () throws(PostgresFault) in
            try session.execute(PostgresRoles.statements(team: team, database: database))
            for login in team.participants.compactMap(\.login) {
                try session.query("ALTER ROLE \"\(login)\" PASSWORD '\(password)'")
            }
        }
    }

    /// A session as a participant's login with a password (scram-sha-256 on the test server).
    static func login(_ user: String, password: String, database: String) throws -> PostgresSession {
        var address = try address(database: database)
        address.user = user
        return try PostgresSession.connect(address, environment: ["PGPASSWORD": password])
    }

    static func event(_ n: Int, actor: String = "maria", time: String? = "2026-11-02T09:00:00.000Z") -> PostgresEventLog.NewEvent {
        PostgresEventLog.NewEvent(cycle: "2026-11", time: time, actor: actor, type: "waived", payload: #"{"reason":"n\#(n)","stage":"demand"}"#)
    }
}

/// Runs `body` and returns the PostgresFault it threw; records an issue when it threw none or another error.
func fault(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> PostgresFault? {
    do {
        try body()
        Issue.record("expected a PostgresFault, but it succeeded", sourceLocation: sourceLocation)
    } catch let error as PostgresFault {
        return error
    } catch {
        Issue.record("expected a PostgresFault, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
