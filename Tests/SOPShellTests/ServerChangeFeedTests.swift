import Foundation
import SOPCore
import SOPStore
import Testing
@testable import SOPApp
@testable import SOPShell

#if canImport(Glibc)
import Glibc
#endif

/// The live feed on a server record: the server announces each commit (LISTEN/NOTIFY), so the feed
/// waits on a descriptor instead of asking every 300 ms; it becomes readable when another session
/// commits, and the news is that session's event and not this one's own.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SOP_TEST_PG_URL"] != nil || ProcessInfo.processInfo.environment["CI"] == "true",
                "SOP_TEST_PG_URL is not set: eval \"$(scripts/pg-cluster start)\""))
struct TheServersFeedIsWokenByItsCommits {
    static func database() throws -> String {
        let url = try #require(ProcessInfo.processInfo.environment["SOP_TEST_PG_URL"], "scripts/test starts the test server")
        let name = "feed_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [url, "-q", "-c", "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'"]
        try psql.run()
        psql.waitUntilExit()
        try #require(psql.terminationStatus == 0)
        return String(url[..<(try #require(url.range(of: "/", options: .backwards))).lowerBound]) + "/" + name
    }

    /// Whether `fd` becomes readable within `milliseconds`.
    static func readable(_ fd: Int32, within milliseconds: Int32) -> Bool {
        var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, milliseconds) == 1
    }

    @Test func anotherSessionsCommitWakesTheFeedAndItsOwnIsNotNews() throws {
        let url = try Self.database()
        let now = try Date.ISO8601FormatStyle().parse("2026-11-05T09:00:00Z")
        let starter = try DatabaseSetup.bundledStarter()
        let first = try ServerRecord.create(url, starter: starter, now: Date(timeIntervalSince1970: 0))
        let maria = Session(database: first, mode: .batch, now: now)
        try maria.act(as: "maria")
        _ = try maria.run(line: "cycle open 2026-11")
        let dan = Session(database: try ServerRecord.open(url), mode: .batch, now: now)
        try dan.act(as: "dan")
        let feed = try StoreChangeFeed(database: maria.database)
        let fd = try #require(feed.wakeDescriptor, "a server record's feed waits on the server's announcements")
        #expect(try feed.news(for: "maria").isEmpty)
        #expect(!Self.readable(fd, within: 300), "nothing committed yet")
        _ = try dan.run(line: "submit data-gathering sales-actuals \(packageRoot.appendingPathComponent("Playbooks/data/sales-actuals.csv").path)")
        #expect(Self.readable(fd, within: 5_000), "the server announced dan's commit")
        let news = try feed.news(for: "maria")
        #expect(news.events.map(\.event.actor) == ["dan"])
        #expect(!Self.readable(fd, within: 100), "reading the news drained the wake-ups")
        // Maria's own commit wakes her feed too (the server announces every commit) but is not news.
        _ = try maria.run(line: "propose \"Close the outdoor gap\" --stage supply-review")
        #expect(Self.readable(fd, within: 5_000))
        #expect(try feed.news(for: "maria").isEmpty)
    }
}
