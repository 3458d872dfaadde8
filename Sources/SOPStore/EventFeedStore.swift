import Foundation
import SOPCore

/// One read of the log's newest events, for the live REPL's feed.
public struct EventPage: Sendable {
    /// The events read, oldest first.
    public var events: [CycleEvent]
    /// Sequence numbers of rows in the range that could not be read back (a damaged record).
    public var unreadable: [Int64]
    /// The last sequence number the page covers; the next page starts after it.
    public var through: Int64
}

extension StoreTransaction {
    /// The highest sequence number in the log (0 before the first event): where a feed starts.
    public func lastSeq() throws -> Int64 {
        try sql.integer("SELECT MAX(seq) FROM events") ?? 0
    }

    /// Up to `limit` events after `seq`, oldest first, through the primary key: as cheap as asking for
    /// the newest sequence number when nothing has been added.
    public func events(after seq: Int64, limit: Int) throws -> EventPage {
        let rows = try StoredEvent.fetchAll(sql, "WHERE seq > ? ORDER BY seq LIMIT ?", [seq, max(1, limit)])
        var page = EventPage(events: [], unreadable: [], through: rows.last?.seq ?? seq)
        for row in rows {
            if let event = try? row.cycleEvent() { page.events.append(event) } else { page.unreadable.append(row.seq) }
        }
        return page
    }

    /// How many events the log holds after `seq`.
    public func eventCount(after seq: Int64) throws -> Int {
        try sql.integer("SELECT COUNT(*) FROM events WHERE seq > ?", [seq]).flatMap { Int(exactly: $0) } ?? 0
    }
}
