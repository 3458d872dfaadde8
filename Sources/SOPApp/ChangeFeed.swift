import Foundation
import SOPCore
import SOPStore

/// What the live REPL learnt since it last asked: other participants' events, in commit order, with
/// the team that names them.
public struct LiveNews: Sendable {
    public var events: [CycleEvent] = []
    /// The team as it stands, for participants' names (nil when nothing is to be shown).
    public var team: Team?
    /// Events left out of a long burst (a playbook run by someone else), counted rather than read:
    /// the feed has moved past them; `log` shows them.
    public var more: Int = 0
    /// Sequence numbers the feed skipped because the record could not read them back.
    public var unreadable: [Int64] = []

    public init(events: [CycleEvent] = [], team: Team? = nil, more: Int = 0, unreadable: [Int64] = []) {
        self.events = events
        self.team = team
        self.more = more
        self.unreadable = unreadable
    }

    public var isEmpty: Bool { events.isEmpty && more == 0 && unreadable.isEmpty }
}

/// Where the live REPL learns what other sessions committed. A store that can announce its commits
/// (PostgreSQL's LISTEN/NOTIFY) hands out a descriptor that becomes readable on news; one that cannot
/// (SQLite) is asked on a short interval. Either way the news is "the events after the last one seen",
/// so a missed or spurious wake-up loses nothing and shows nothing twice.
public protocol ChangeFeed: AnyObject {
    /// Readable when something may have committed; nil when the feed only polls. The editor waits on
    /// it beside the keyboard; `news` drains it.
    var wakeDescriptor: Int32? { get }
    /// How long to wait for a wake-up or a key before asking anyway (milliseconds); nil: only on wake.
    var interval: Int? { get }
    /// The events committed since the last call, oldest first, without the ones this session wrote,
    /// filtered for `participant` (`LiveAudience`). A failure leaves the position where it was.
    func news(for participant: String?) throws -> LiveNews
}

/// The SQLite store's feed: a cheap indexed read every `interval` (no read transaction is held
/// between reads), the session's own commits recognised by the connection that made them.
public final class StoreChangeFeed: ChangeFeed {
    /// At most this many events are shown for one wake-up; the rest are counted.
    public static let shownAtOnce = 20
    /// Events read at once; a longer burst is counted, not read.
    static let pageSize = 100

    private let database: SOPDatabase
    private let own: OwnEvents
    private var lastSeen: Int64
    public let interval: Int?
    public var wakeDescriptor: Int32? { nil }

    /// Starts after the newest event on file: the session's start-up status already shows the rest.
    public init(database: SOPDatabase, interval: Int = 300) throws {
        self.database = database
        self.interval = interval
        own = database.watchOwnEvents()
        lastSeen = try database.read { try $0.lastSeq() }
    }

    public func news(for participant: String?) throws -> LiveNews {
        let start = lastSeen
        let (page, team, more, end): (EventPage, Team?, Int, Int64) = try database.read { tx in
            let page = try tx.events(after: start, limit: Self.pageSize)
            guard page.through > start else { return (page, nil, 0, start) }
            guard page.events.count + page.unreadable.count == Self.pageSize else { return (page, try tx.team(), 0, page.through) }
            // A burst longer than a page: count what is left over and move to the end, in one snapshot.
            return (page, try tx.team(), try tx.eventCount(after: page.through), try tx.lastSeq())
        }
        var news = LiveNews(unreadable: page.unreadable)
        let shown = page.events.filter { !own.wrote($0.seq) && LiveAudience.shows($0, to: participant) }
        news.events = Array(shown.prefix(Self.shownAtOnce))
        news.more = shown.count - news.events.count + more
        lastSeen = end
        own.forget(through: lastSeen)
        news.team = news.isEmpty ? nil : team
        return news
    }
}
