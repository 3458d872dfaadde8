import Foundation
import SOPCore
import SOPStore

/// One event another session committed, with the stages it moved.
public struct LiveEvent: Sendable {
    public var event: CycleEvent
    /// Empty when nothing moved, or when the feed does not know the cycle's state (it then says less,
    /// never something wrong).
    public var moves: [StageMove]

    public init(_ event: CycleEvent, moves: [StageMove] = []) {
        self.event = event
        self.moves = moves
    }
}

/// What the live REPL learnt since it last asked: other participants' events, in commit order, with
/// the team that names them.
public struct LiveNews: Sendable {
    public var events: [LiveEvent] = []
    /// The team as it stands, for participants' names (nil when nothing is to be shown).
    public var team: Team?
    /// Events left out of a long burst (a playbook run by someone else), counted rather than read:
    /// the feed has moved past them; `log` shows them.
    public var more: Int = 0
    /// Sequence numbers the feed skipped because the record could not read them back.
    public var unreadable: [Int64] = []

    public init(events: [LiveEvent] = [], team: Team? = nil, more: Int = 0, unreadable: [Int64] = []) {
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

/// The store's feed: a cheap indexed read every `interval` (no read transaction is held between
/// reads), the session's own commits recognised by the backend that made them (SQLite's connection
/// observes its inserts; the server's backend reports each committed transaction's events).
public final class StoreChangeFeed: ChangeFeed {
    /// At most this many events are shown for one wake-up; the rest are counted.
    public static let shownAtOnce = 20
    /// Events read at once; a longer burst is counted, not read.
    static let pageSize = 100

    private let database: SOPDatabase
    private let own: OwnEvents
    private var lastSeen: Int64
    /// The open cycles' states as of `lastSeen`, each event applied as it is read, so an event's stage
    /// moves are exactly its own.
    private var cycles: [String: CycleState] = [:]
    public let interval: Int?
    public let wakeDescriptor: Int32?
    private let signal: CommitSignal?

    /// Starts after the newest event on file: the session's start-up status already shows the rest.
    public init(database: SOPDatabase, interval: Int = 300) throws {
        self.database = database
        // A server announces its commits: wait on that, and ask on a long interval only in case a
        // notice was lost (a LISTEN connection the server ended).
        signal = (try? database.commitAnnouncements()) ?? nil
        wakeDescriptor = signal?.descriptor
        self.interval = wakeDescriptor == nil ? interval : max(interval, 5_000)
        // Without knowing its own commits the feed would announce them back: no feed rather than that.
        guard let own = database.watchOwnEvents() else {
            throw StoreError("this store cannot tell the session's own events apart yet: no live updates")
        }
        self.own = own
        lastSeen = 0
        lastSeen = try database.read { tx in
            try catchUpCycles(tx)
            return try tx.lastSeq()
        }
    }

    public func news(for participant: String?) throws -> LiveNews {
        drainWakeUps()
        let start = lastSeen
        let news: LiveNews
        let end: Int64
        do {
            (news, end) = try read(after: start, for: participant)
        } catch {
            // Some events may have been applied to the states: read them afresh once the feed reads again.
            cycles = [:]
            throw error
        }
        lastSeen = end
        own.forget(through: lastSeen)
        return news.isEmpty ? LiveNews() : news
    }

    private func read(after start: Int64, for participant: String?) throws -> (LiveNews, Int64) {
        try database.read { tx in
            let page = try tx.events(after: start, limit: Self.pageSize)
            guard page.through > start else { return (LiveNews(), start) }
            var news = LiveNews(team: try tx.team(), unreadable: page.unreadable)
            var end = page.through
            var shown: [LiveEvent] = []
            for event in page.events {
                let moves = try follow(event, tx: tx)
                guard !own.wrote(event.seq), LiveAudience.shows(event, to: participant) else { continue }
                shown.append(LiveEvent(event, moves: moves))
            }
            if page.events.count + page.unreadable.count == Self.pageSize {
                // A burst longer than a page: count what is left over and move to the end, in one snapshot.
                news.more = try tx.eventCount(after: page.through)
                end = try tx.lastSeq()
                cycles = [:]
            } else if !page.unreadable.isEmpty {
                // A missing event would leave the states behind: read them afresh.
                cycles = [:]
            }
            if end == (try tx.lastSeq()) { try catchUpCycles(tx) }
            news.events = Array(shown.prefix(Self.shownAtOnce))
            news.more += shown.count - news.events.count
            return (news, end)
        }
    }

    /// Applies `event` to its cycle's state and returns the stages it moved (none for a cycle the
    /// feed does not hold).
    private func follow(_ event: CycleEvent, tx: StoreTransaction) throws -> [StageMove] {
        if case .cycleOpened(let opened) = event.payload {
            cycles[event.cycle] = try tx.workflowModel(opened.workflowHash).map {
                CycleState(opening: event, workflow: $0, workflowHash: opened.workflowHash)
            }
            return []
        }
        guard var state = cycles[event.cycle] else { return [] }
        let before = state
        state.apply(event)
        switch event.payload {
        case .cycleClosed, .cycleCancelled: cycles[event.cycle] = nil
        default: cycles[event.cycle] = state
        }
        return state.moves(since: before)
    }

    /// Reads the states of the open cycles the feed does not hold, at the transaction's snapshot, which
    /// must be the end of what the feed has read.
    private func catchUpCycles(_ tx: StoreTransaction) throws {
        for id in try tx.openCycleIDs() where cycles[id] == nil {
            cycles[id] = try tx.loadCycle(id)
        }
    }
}

extension StoreChangeFeed {
    /// Empties the wake-up signal: the read that follows covers every notice in it.
    fileprivate func drainWakeUps() { signal?.drain() }
}
