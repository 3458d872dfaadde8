import Foundation
import SOPCore
import SOPStore
import Testing
@testable import SOPApp
@testable import SOPShell
import SOPText

/// The SQLite change feed: a session learns, in commit order, the events other sessions committed on
/// the same file after the last one it saw, never its own, and an escalation only if it told them.
@Suite struct TheChangeFeedShowsOthersEventsAfterTheLastSeen {
    /// Two sessions on one file, as two REPLs: A acting as `a`, B as `b`, November open.
    static func twoSessions(a: String, b: String) throws -> (Session, Session, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sop.db").path
        let now = try Date.ISO8601FormatStyle().parse("2026-11-05T09:00:00Z")
        let first = try SOPDatabase(path: path)
        let starter = try DatabaseSetup.bundledStarter()
        try first.initialize(workflow: starter.workflow, team: starter.team, at: Date(timeIntervalSince1970: 0))
        let sessionA = Session(database: first, mode: .batch, now: now)
        try sessionA.act(as: "maria")
        _ = try sessionA.run(line: "cycle open 2026-11")
        try sessionA.act(as: a)
        let sessionB = Session(database: try SOPDatabase(path: path), mode: .batch, now: now)
        try sessionB.act(as: b)
        return (sessionA, sessionB, folder)
    }

    static func data(_ name: String) -> String { packageRoot.appendingPathComponent("Playbooks/data/\(name)").path }

    @Test func othersEventsComeInOrderOnceAndOwnOnesNever() throws {
        let (a, b, folder) = try Self.twoSessions(a: "dan", b: "maria")
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = try StoreChangeFeed(database: b.database)
        // The cycle opening came before the feed started: not news.
        #expect(try feed.news(for: "maria").isEmpty)
        _ = try a.run(line: "submit data-gathering sales-actuals \(Self.data("sales-actuals.csv"))")
        _ = try b.run(line: "propose \"Close the outdoor gap\" --stage supply-review")
        _ = try a.run(line: "submit data-gathering inventory-snapshot \(Self.data("inventory-snapshot.csv"))")
        _ = try a.run(line: "signoff data-gathering")
        let news = try feed.news(for: "maria")
        #expect(news.events.map(\.event.payload.type) == [.inputSubmitted, .inputSubmitted, .signedOff])
        #expect(news.events.allSatisfy { $0.event.actor == "dan" })
        #expect(news.events.map(\.event.seq) == news.events.map(\.event.seq).sorted())
        // The last input took data gathering to review, the sign-off took it to done and opened the two
        // stages after it: each event's own moves, though B's proposal came between them.
        #expect(news.events[0].moves.isEmpty)
        #expect(news.events[1].moves == [StageMove(stage: "data-gathering", from: .open, to: .review)])
        #expect(news.events[2].moves == [
            StageMove(stage: "data-gathering", from: .review, to: .done),
            StageMove(stage: "product-review", from: .waiting, to: .open),
            StageMove(stage: "demand-review", from: .waiting, to: .open),
        ])
        #expect(news.team?.participant("dan") != nil)
        // Asked again: nothing twice.
        #expect(try feed.news(for: "maria").isEmpty)
        // A's own feed sees B's proposal and none of its own events.
        let feedA = try StoreChangeFeed(database: a.database)
        _ = try b.run(line: "propose \"Raise Q1 prices\"")
        _ = try a.run(line: "action add \"Check the outdoor gap\" --owner omar --due 2026-11-20")
        #expect(try feedA.news(for: "dan").events.map(\.event.payload.type) == [.proposalRaised])
    }

    @Test func aResubmissionSaysItReopenedTheStageAndMadeItsSignoffStale() throws {
        let (a, b, folder) = try Self.twoSessions(a: "dan", b: "maria")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try a.run(line: "submit data-gathering sales-actuals \(Self.data("sales-actuals.csv"))")
        _ = try a.run(line: "submit data-gathering inventory-snapshot \(Self.data("inventory-snapshot.csv"))")
        _ = try a.run(line: "signoff data-gathering")
        // The feed starts on a cycle already under way: it reads the state it starts from.
        let feed = try StoreChangeFeed(database: b.database)
        let corrected = folder.appendingPathComponent("sales-actuals.csv")
        let text = try String(contentsOfFile: Self.data("sales-actuals.csv"), encoding: .utf8)
        try text.replacingOccurrences(of: "Lounge,2025-11,1320,", with: "Lounge,2025-11,1321,").write(to: corrected, atomically: true, encoding: .utf8)
        _ = try a.run(line: "submit data-gathering sales-actuals \(corrected.path)")
        let news = try feed.news(for: "maria")
        #expect(news.events.map(\.moves) == [[StageMove(stage: "data-gathering", from: .done, to: .review, staleSignoffs: 1)]])
        let line = try #require(LiveText.lines(news, now: a.now, width: 200).first)
        #expect(line.hasSuffix("resubmitted data-gathering sales-actuals (version 2) (2026-11); data-gathering reopened (review), 1 sign-off stale"), "\(line)")
    }

    @Test func aCycleOpenedAfterTheFeedStartedIsFollowedFromItsOpening() throws {
        let (a, b, folder) = try Self.twoSessions(a: "maria", b: "dan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = try StoreChangeFeed(database: b.database)
        _ = try a.run(line: "cycle open 2026-12")
        try a.act(as: "dan")
        _ = try a.run(line: "submit data-gathering sales-actuals \(Self.data("sales-actuals.csv"))")
        _ = try a.run(line: "submit data-gathering inventory-snapshot \(Self.data("inventory-snapshot.csv"))")
        let news = try feed.news(for: "lee")
        #expect(news.events.map(\.event.cycle) == ["2026-12", "2026-12", "2026-12"])
        #expect(news.events.map(\.moves) == [[], [], [StageMove(stage: "data-gathering", from: .open, to: .review)]])
    }

    @Test func theSameParticipantInAnotherSessionIsNewsToo() throws {
        // Own means written by this session, not by this participant: dan's second REPL hears dan's first.
        let (a, b, folder) = try Self.twoSessions(a: "dan", b: "dan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = try StoreChangeFeed(database: b.database)
        _ = try a.run(line: "submit data-gathering sales-actuals \(Self.data("sales-actuals.csv"))")
        #expect(try feed.news(for: "dan").events.count == 1)
    }

    @Test func anEscalationReachesOnlyTheParticipantsItTold() throws {
        let (a, b, folder) = try Self.twoSessions(a: "dan", b: "omar")
        defer { try? FileManager.default.removeItem(at: folder) }
        let toOmar = try StoreChangeFeed(database: b.database)
        let toPriya = try StoreChangeFeed(database: try SOPDatabase(path: b.database.path))
        let raised = EscalationRaised(
            number: 1, subject: .lateStage("data-gathering"), level: 1, workdays: 2, roles: ["supply"], told: ["omar"], unheld: [], lateness: 2)
        try a.database.write { tx in
            _ = try tx.append([CycleEvent(cycle: "2026-11", time: a.now, actor: "system", payload: .escalationRaised(raised))])
        }
        #expect(try toOmar.news(for: "omar").events.map(\.event.payload.type) == [.escalationRaised])
        #expect(try toPriya.news(for: "priya").isEmpty)
    }

    @Test func aRolledBackWriteIsNotCountedAsOwn() throws {
        // B's rolled-back append used the number A's commit then takes: A's event is still news to B.
        let (a, b, folder) = try Self.twoSessions(a: "dan", b: "maria")
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = try StoreChangeFeed(database: b.database)
        struct Abandon: Error {}
        let event = CycleEvent(cycle: "2026-11", time: a.now, actor: "maria", payload: .cycleClosed(CycleClosed()))
        #expect(throws: Abandon.self) {
            try b.database.write { tx in
                _ = try tx.append([event])
                throw Abandon()
            }
        }
        _ = try a.run(line: "submit data-gathering sales-actuals \(Self.data("sales-actuals.csv"))")
        #expect(try feed.news(for: "maria").events.map(\.event.actor) == ["dan"])
    }

    @Test func aLongBurstShowsTheFirstEventsAndCountsTheRest() throws {
        let (a, b, folder) = try Self.twoSessions(a: "dan", b: "maria")
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = try StoreChangeFeed(database: b.database)
        let burst = (1...250).map { n in
            CycleEvent(cycle: "2026-11", time: a.now, actor: "dan", payload: .proposalRaised(ProposalRaised(number: n, text: "P\(n)", stage: nil, options: [])))
        }
        try a.database.write { tx in _ = try tx.append(burst) }
        let news = try feed.news(for: "maria")
        #expect(news.events.count == StoreChangeFeed.shownAtOnce)
        #expect(news.events.count + news.more == 250)
        #expect(try feed.news(for: "maria").isEmpty)
        // The terminal gets the first ones and one line that counts the rest.
        let lines = LiveText.lines(news, now: a.now, width: 100)
        #expect(lines.count == StoreChangeFeed.shownAtOnce + 1)
        #expect(lines.last?.contains("\(250 - StoreChangeFeed.shownAtOnce) more events") == true)
    }

    @Test func aFailingFeedSaysSoOnceAndTheREPLGoesOn() throws {
        let session = try novemberSession()
        let feed = BrokenFeed()
        let live = LiveUpdates(feed: feed, session: session)
        let first = live.lines(width: 80)
        #expect(first.count == 1)
        #expect(first[0].contains("live updates paused"))
        #expect(live.lines(width: 80).isEmpty)
        // Back again: said once, and the news follows.
        feed.broken = false
        let back = live.lines(width: 80)
        #expect(back.first?.contains("live updates resumed") == true)
        #expect(back.count == 2)
        #expect(live.lines(width: 80).count == 1)
    }

    final class BrokenFeed: ChangeFeed {
        struct Gone: Error {}
        var broken = true
        var wakeDescriptor: Int32? { nil }
        var interval: Int? { 300 }
        func news(for participant: String?) throws -> LiveNews {
            if broken { throw Gone() }
            return LiveNews(events: [LiveEvent(CycleEvent(seq: 9, cycle: "2026-11", time: Date(), actor: "dan", payload: .cycleClosed(CycleClosed())))])
        }
    }
}
