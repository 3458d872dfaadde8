import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPShell
@testable import SOPStore
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// Identity in a session: under `identity: os` only the account's own participant acts; refused
/// attempts (identity and permission) land in the access log after the refused command rolled back.
@Suite struct IdentitySessionTests {
    static let now = Date(timeIntervalSince1970: 1_793_869_200)  // 2026-11-05 09:00 UTC

    /// A database with the bundled workflow and team, set to `identity`, November open (by maria).
    static func database(identity: IdentityMode) throws -> SOPDatabase {
        let database = try SOPDatabase()
        var starter = try DatabaseSetup.bundledStarter()
        starter.team.identity = identity
        try database.initialize(workflow: starter.workflow, team: starter.team, at: Date(timeIntervalSince1970: 0))
        let opener = session(database, account: "maria")
        try opener.act(as: "maria")
        _ = try opener.run(line: "cycle open 2026-11")
        return database
    }

    /// A session as the operating-system account `account` would start it: acting as the
    /// participant whose login it is, if any.
    static func session(_ database: SOPDatabase, account: String) -> Session {
        let session = Session(database: database, mode: .batch, now: now)
        session.account = account
        if let own = try? database.read({ try $0.team() }).participant(login: account) { try? session.act(as: own.id) }
        return session
    }

    static func refusal(_ session: Session, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Refusal? {
        do {
            _ = try session.run(line: line)
            Issue.record("\(line) should be refused", sourceLocation: sourceLocation)
        } catch {
            if case .refused(let refusal) = error { return refusal }
            Issue.record("\(line): not a refusal: \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    static func accessLog(_ database: SOPDatabase) throws -> [RefusedAttempt] { try database.read { try $0.refusedAttempts() } }
    static func events(_ database: SOPDatabase) throws -> [CycleEvent] { try database.read { try $0.events(cycle: "2026-11") } }

    @Test func underOSOnlyTheAccountsOwnParticipantMayBeNamed() throws {
        let database = try Self.database(identity: .os)
        let session = Self.session(database, account: "maria")
        #expect(session.actorID == "maria")
        _ = try session.run(line: "as maria")  // naming yourself is allowed
        let before = try Self.events(database)
        let r = Self.refusal(session, "as dan")
        #expect(r?.rule == .identity)
        #expect(r?.message.contains("`as dan` is refused: the team uses `identity: os`") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("account 'maria' is maria's") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("run sop under dan's own account") == true, "\(r?.fix ?? "")")
        #expect(session.actorID == "maria", "still maria")
        #expect(try Self.events(database) == before)
        let logged = try Self.accessLog(database)
        #expect(logged.map(\.command) == ["as dan"])
        #expect(logged.first.map { ($0.account, $0.actor, $0.rule, $0.time) } ?? ("", nil, "", .distantPast) == ("maria", "dan", "identity", Self.now))
        // Claims at startup are refused the same way, quoting how the person named someone.
        for (claim, words) in [(IdentityClaim.asOption, "--as lee"), (.environment, "SOP_USER=lee")] {
            let fresh = Session(database: database, mode: .oneShot, now: Self.now)
            fresh.account = "maria"
            do {
                try fresh.act(as: "lee", claim: claim)
                Issue.record("\(words) should be refused")
            } catch {
                #expect(error.description.hasPrefix("\(words) is refused"), "\(error)")
            }
        }
    }

    @Test func underOSAnAccountNotOnTheTeamReadsButCannotAct() throws {
        let database = try Self.database(identity: .os)
        let session = Self.session(database, account: "root")
        #expect(session.actorID == nil)
        #expect(session.accountNotOnTeam?.contains("account 'root' is not on the team") == true)
        #expect(try session.run(line: "status").text.contains("Cycle 2026-11"))
        #expect(try session.run(line: "log").text.contains("opened the cycle"))
        #expect(try session.run(line: "whoami").text.contains("account 'root' is not on the team"))
        let before = try Self.events(database)
        let r = Self.refusal(session, "waive product-review --reason x")
        #expect(r?.rule == .identity)
        #expect(r?.fix.contains("login: root") == true, "\(r?.fix ?? "")")
        #expect(Self.refusal(session, "as maria")?.rule == .identity)
        #expect(Self.refusal(session, "as zed")?.rule == .unknownParticipant)
        #expect(try Self.events(database) == before)
        let logged = try Self.accessLog(database)
        #expect(logged.map(\.command) == ["waive product-review --reason x", "as maria", "as zed"])
        #expect(logged.map(\.actor) == [nil, "maria", "zed"])
        #expect(logged.map(\.rule) == ["identity", "identity", "unknown-participant"])
    }

    @Test func declaredLetsAnyoneBeNamed() throws {
        let database = try Self.database(identity: .declared)
        let session = Self.session(database, account: "root")
        _ = try session.run(line: "as dan")
        _ = try session.run(line: "as lee")
        #expect(session.actorID == "lee")
        #expect(try Self.accessLog(database).isEmpty)
        // An unknown participant is refused and logged in either mode.
        #expect(Self.refusal(session, "as zed")?.rule == .unknownParticipant)
        #expect(try Self.accessLog(database).map(\.actor) == ["zed"])
    }

    @Test func aPermissionRefusalIsLoggedAndChangesNoEvent() throws {
        let database = try Self.database(identity: .declared)
        let session = Self.session(database, account: "root")
        _ = try session.run(line: "as dan")
        let before = try Self.events(database)
        let r = Self.refusal(session, "cycle close")
        #expect(r?.rule == .permission)
        #expect(r?.fix.contains("act as one of them with `as`") == true, "declared: switching is advice that works")
        #expect(try Self.events(database) == before)
        // Refusals for other rules are not access attempts.
        #expect(Self.refusal(session, "signoff data-gathering")?.rule == .stageState)
        let logged = try Self.accessLog(database)
        #expect(logged.map(\.command) == ["cycle close"])
        #expect(logged.first?.message == "dan may not close the cycle: only the leader may")
    }

    @Test func underOSThePermissionFixDoesNotSuggestAs() throws {
        let database = try Self.database(identity: .os)
        let r = Self.refusal(Self.session(database, account: "dan"), "cycle close")
        #expect(r?.rule == .permission)
        #expect(r?.fix == "ask maria (leader) to do it", "\(r?.fix ?? "")")
    }

    @Test func onlyTheLeaderAndTheSponsorReadTheAccessLog() throws {
        let database = try Self.database(identity: .declared)
        let session = Self.session(database, account: "root")
        _ = try session.run(line: "as dan")
        let r = Self.refusal(session, "log --refused")
        #expect(r?.rule == .permission)
        #expect(r?.message == "dan may not read the access log: only the leader or the sponsor may")
        #expect(r?.fix == "ask maria (leader) or sam (sponsor)")
        for reader in ["maria", "sam"] {
            _ = try session.run(line: "as \(reader)")
            let reply = try session.run(line: "log --refused")
            #expect(reply.text.contains("dan may not read the access log"), "\(reply.text)")
            #expect(reply.text.hasPrefix("#  TIME (UTC)"), "\(reply.text)")
        }
        #expect(throws: ShellError.self) { try session.run(line: "log --refused --stage demand-review") }
    }

    @Test func whenTheLogCannotBeWrittenTheRefusalIsUnchanged() throws {
        let database = try Self.database(identity: .declared)
        let session = Self.session(database, account: "root")
        _ = try session.run(line: "as dan")
        let expected = Self.refusal(session, "cycle close")
        // The access log now refuses every write, as a read-only file or a full disk would.
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TRIGGER access_log_full BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        let again = Self.refusal(session, "cycle close")
        #expect(again == expected)
        #expect(try Self.accessLog(database).count == 1, "only the attempt from before")
        // And the session goes on: the next refusal is reported as usual too.
        #expect(Self.refusal(session, "as zed")?.rule == .unknownParticipant)
    }
}
