import Foundation
import GRDB
import Testing

@testable import SOPStore

/// `identity: os` and the access log, through the built binary: the account running the tests is the
/// only participant it may act as; every refused attempt is in `log --refused` and nowhere in `events`.
@Suite struct IdentityTests {
    /// The account running the tests, from the real uid as sop reads it (root in CI).
    static let account: String = {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }()

    /// The bundled people, maria's login being this account; dan, lee... keep logins nobody here has.
    static func osTeam(identity: String = "os", mariaLogin: String = account) -> String {
        let people = [
            ("maria", "Maria Lopez", "leader", mariaLogin), ("sam", "Sam Okafor", "sponsor", "sop-test-sam"),
            ("priya", "Priya Raman", "product", "sop-test-priya"), ("dan", "Dan Kowalski", "demand", "sop-test-dan"),
            ("lee", "Lee Chen", "demand", "sop-test-lee"), ("sofia", "Sofia Rossi", "sales", "sop-test-sofia"),
            ("omar", "Omar Haddad", "supply", "sop-test-omar"), ("fiona", "Fiona Byrne", "finance", "sop-test-fiona"),
        ]
        return "identity: \(identity)\nteam:\n"
            + people.map { "  - { id: \($0.0), name: \($0.1), roles: [\($0.2)], login: \"\($0.3)\" }\n" }.joined()
    }

    /// A database made with `sop init --team` from `team`, November open when maria can open it.
    static func initialized(team: String) throws -> Sandbox {
        let box = try Sandbox()
        try box.ok(["init", "--team", try box.write("team.yaml", team)])
        return box
    }

    /// Every column of every event, byte for byte: what a refused command must leave exactly as it was.
    static func eventBytes(_ box: Sandbox) throws -> [String] {
        try SOPDatabase(path: box.db).read { tx in
            try String.fetchAll(
                tx.db, sql: "SELECT seq || '|' || cycle || '|' || time || '|' || actor || '|' || type || '|' || hex(payload) FROM events ORDER BY seq")
        }
    }

    static func accessLog(_ box: Sandbox, as reader: String = "maria") throws -> [[String: Any]] {
        let args = (reader == "" ? [] : ["--as", reader]) + ["--json", "log", "--refused"]
        return try #require(try box.ok(args).json() as? [[String: Any]])
    }

    static func expectRefused(_ result: Outcome, _ phrases: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.code == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.out.isEmpty, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errLines.count == 1 && result.errLines.allSatisfy(isErrorLine), "\(result)", sourceLocation: sourceLocation)
        for phrase in phrases { #expect(result.err.contains(phrase), "mentions \(phrase): \(result)", sourceLocation: sourceLocation) }
    }

    @Test func underOSTheAccountActsAsItselfAndNobodyElse() throws {
        let box = try Self.initialized(team: Self.osTeam())
        // No --as: the account's participant acts.
        #expect(try box.ok(["whoami"]).out.hasPrefix("maria (Maria Lopez)"))
        try box.ok(["cycle", "open", "2026-11"])
        try box.ok(["--as", "maria", "whoami"])  // naming yourself is allowed
        try box.ok(["whoami"], env: ["SOP_USER": "maria"])
        // $USER and $LOGNAME are anyone's to set: they change nothing.
        #expect(try box.ok(["whoami"], env: ["USER": "sop-test-dan", "LOGNAME": "sop-test-dan"]).out.hasPrefix("maria"))

        let before = try Self.eventBytes(box)
        let dbBefore = try box.ok(["--json", "status"]).out
        let attempts: [([String], [String: String], [String])] = [
            (["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals], [:], ["--as dan is refused", "identity: os", "'\(Self.account)' is maria's", "run sop under dan's own account"]),
            (["--as", "dan", "status"], [:], ["--as dan is refused"]),
            (["cycle", "close"], ["SOP_USER": "lee"], ["SOP_USER=lee is refused", "unset SOP_USER to act as maria"]),
            (["--as", "zed", "status"], [:], ["'zed' is not on the team"]),
        ]
        for (args, env, phrases) in attempts {
            Self.expectRefused(try box.run(args, env: env), phrases)
        }
        // Piped commands: `as dan` is refused at its line, and nothing after it runs.
        let piped = try box.run([], stdin: "whoami\nas dan\nwaive product-review --reason x\n")
        #expect(piped.code == 1, "\(piped)")
        #expect(piped.err.contains("error: line 2: `as dan` is refused"), "\(piped)")
        #expect(try Self.eventBytes(box) == before, "the events are byte for byte as they were")
        #expect(try box.ok(["--json", "status"]).out == dbBefore)

        let log = try Self.accessLog(box)
        #expect(log.map { $0["number"] as? Int } == [1, 2, 3, 4, 5])
        #expect(log.allSatisfy { $0["account"] as? String == Self.account })
        #expect(log.map { $0["actor"] as? String } == ["dan", "dan", "lee", "zed", "dan"])
        #expect(log.map { $0["rule"] as? String } == ["identity", "identity", "identity", "unknown-participant", "identity"])
        let commands = log.compactMap { $0["command"] as? String }
        #expect(commands.count == 5)
        #expect(commands.first?.hasPrefix("sop --db \(box.db) --as dan submit data-gathering sales-actuals ") == true, "\(commands)")
        #expect(commands.last == "as dan")
        #expect(log.allSatisfy { $0["time"] as? String == "2026-11-05T09:00:00.000Z" }, "the session clock (SOP_NOW)")
        #expect(Set(log.first?.keys.map { $0 } ?? []) == ["number", "time", "account", "actor", "command", "rule", "message"])
        // The table form shows the same.
        let table = try box.ok(["log", "--refused", "--limit", "2"])
        #expect(table.outLines.count == 3, "header and the newest two: \(table)")
        #expect(table.outLines.first?.hasPrefix("#  TIME (UTC)") == true)
        let cells = (table.outLines.last ?? "").split(separator: " ").map(String.init)
        #expect(Array(cells.prefix(6)) == ["5", "2026-11-05", "09:00:00Z", Self.account, "dan", "identity"], "\(table)")
        #expect(table.outLines.last?.contains("as dan") == true, "\(table)")
    }

    @Test func underOSAnAccountNotOnTheTeamMayReadButNotAct() throws {
        // maria's login belongs to someone else: nobody on the team is this account.
        let box = try Self.initialized(team: Self.osTeam(mariaLogin: "sop-test-maria"))
        Self.expectRefused(try box.run(["cycle", "open", "2026-11"]), ["account '\(Self.account)' is not on the team", "identity: os", "login: \(Self.account)"])
        #expect(try box.eventCount() == 0)
        let who = try box.ok(["whoami"])
        #expect(who.out.contains("Nobody is acting: account '\(Self.account)' is not on the team"), "\(who)")
        Self.expectRefused(try box.run(["--as", "maria", "cycle", "open", "2026-11"]), ["--as maria is refused", "is not on the team"])
        // help needs no database; team and cycle list only read.
        try box.ok(["help"])
        try box.ok(["team"])
        try box.ok(["cycle", "list"])
        // Nobody here may read the access log either: the attempt is itself refused and logged.
        Self.expectRefused(try box.run(["log", "--refused"]), ["is not on the team"])
        let rows = try SOPDatabase(path: box.db).read { try $0.refusedAttempts() }
        #expect(rows.map(\.actor) == [nil, "maria", nil])
        #expect(rows.map(\.rule) == ["identity", "identity", "identity"])
    }

    @Test func aPermissionRefusalIsInTheAccessLog() throws {
        let box = try Sandbox()  // the bundled team: identity declared
        try box.ok(["status"])
        let before = try Self.eventBytes(box)
        Self.expectRefused(try box.run(["--as", "dan", "cycle", "close"]), ["dan may not close the cycle", "act as one of them with --as PARTICIPANT or SOP_USER"])
        Self.expectRefused(try box.run(["--as", "dan", "log", "--refused"]), ["dan may not read the access log", "maria (leader) or sam (sponsor)"])
        #expect(try Self.eventBytes(box) == before)
        for reader in ["maria", "sam"] {
            let log = try Self.accessLog(box, as: reader)
            #expect(log.map { $0["rule"] as? String } == ["permission", "permission"])
            #expect(log.map { $0["actor"] as? String } == ["dan", "dan"])
            #expect(log.map { $0["command"] as? String } == ["sop --db \(box.db) --as dan cycle close", "sop --db \(box.db) --as dan log --refused"])
            #expect(log.first?["message"] as? String == "dan may not close the cycle: only the leader may")
        }
        // A command refused for another rule is not an access attempt.
        Self.expectRefused(try box.run(["--as", "dan", "signoff", "data-gathering"]), ["data-gathering"])
        #expect(try Self.accessLog(box).count == 2)
    }

    @Test func declaredKeepsAsWorking() throws {
        let box = try Self.initialized(team: Self.osTeam(identity: "declared"))
        try box.ok(["cycle", "open", "2026-11"])  // maria by login
        #expect(try box.ok(["--as", "dan", "whoami"]).out.hasPrefix("dan"))
        #expect(try box.ok(["whoami"], env: ["SOP_USER": "lee"]).out.hasPrefix("lee"))
        try box.batch(["as sam", "as dan", "whoami"])
        try box.ok(["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.salesActuals])
        #expect(try Self.accessLog(box).isEmpty)
    }

    @Test func initAndCheckReadTheKey() throws {
        let box = try Sandbox()
        let created = try box.ok(["init", "--team", try box.write("team.yaml", Self.osTeam())])
        #expect(created.out.contains("identity: os"), "\(created)")
        let checked = try box.ok(["workflow", "check", Package.path("Workflows/team-os-identity.yaml")], env: [:])
        #expect(checked.out.hasSuffix("identity os\n"), "\(checked)")
        // A team file that cannot work under os is refused with its position, and creates nothing.
        let other = try Sandbox()
        let broken = try other.write("broken.yaml", "identity: os\nteam:\n  - { id: maria, name: Maria, roles: [leader] }\n")
        let check = try other.run(["workflow", "check", broken], db: false)
        #expect(check.code == 1, "\(check)")
        #expect(check.err.hasPrefix("\(broken):3:5: error: participant 'maria' has no login, which `identity: os` needs"), "\(check)")
        let refused = try other.run(["init", "--team", broken])
        #expect(refused.code == 1, "\(refused)")
        #expect(!other.databaseExists)
        let typo = try other.write("typo.yaml", "identity: OS\nteam:\n  - { id: maria, name: Maria, roles: [leader], login: m }\n")
        let bad = try other.run(["workflow", "check", typo], db: false)
        #expect(bad.err.hasPrefix("\(typo):1:11: error: unknown identity 'OS'"), "\(bad)")
        #expect(bad.err.contains("declared, os"), "\(bad)")
    }
}
