/// The events table as rows of text, appended the way every writer must: lock the head first (the
/// `BEGIN IMMEDIATE` of PostgreSQL), then insert in order; the server checks each link and computes
/// its hash. The store's domain code (payload encoding, cycles, registers) stays in SOPStore and will
/// reach this through the executor of the next step; this is the chain's own part.
public enum PostgresEventLog {
    /// One stored event, column for column as SQLite's `events` holds it.
    public struct Row: Sendable, Equatable {
        public var seq: Int64
        public var cycle: String
        public var time: String
        public var actor: String
        public var type: String
        public var payload: String
        public var prevHash: String
        public var hash: String
    }

    /// An event to append: `time` nil takes the server's clock at the insert.
    public struct NewEvent: Sendable, Equatable {
        public var cycle: String
        public var time: String?
        public var actor: String
        public var type: String
        public var payload: String

        public init(cycle: String, time: String? = nil, actor: String, type: String, payload: String) {
            (self.cycle, self.time, self.actor, self.type, self.payload) = (cycle, time, actor, type, payload)
        }
    }

    /// What `sop_lock_events()` hands the writer: the next seq, the hash it must follow, the server's time.
    public struct Head: Sendable, Equatable {
        public var nextSeq: Int64
        public var hash: String
        public var serverNow: String
    }

    /// Locks the record for this transaction's writes; other writers wait until it commits or rolls back.
    public static func lock(_ session: PostgresSession) throws(PostgresFault) -> Head {
        guard let row = try session.query("SELECT next_key, head_hash, server_now FROM sop_lock_events()").first,
              row.count == 3, let next = row[0].flatMap({ Int64($0) }), let hash = row[1], let now = row[2]
        else {
            throw PostgresFault(
                "the record on \(session.address.server) has no head yet", fix: "initialise the database with sop init first")
        }
        return Head(nextSeq: next, hash: hash, serverNow: now)
    }

    /// Appends `events` in order in one transaction and returns them as stored.
    @discardableResult
    public static func append(_ events: [NewEvent], on session: PostgresSession) throws(PostgresFault) -> [Row] {
        try session.transaction { () throws(PostgresFault) -> [Row] in
            var head = try lock(session)
            var stored: [Row] = []
            for event in events {
                let row = try insert(event, seq: head.nextSeq, prevHash: head.hash, on: session)
                (head.nextSeq, head.hash) = (row.seq + 1, row.hash)
                stored.append(row)
            }
            return stored
        }
    }

    /// One INSERT as the link trigger checks it; the caller holds the lock (or is refused by the trigger).
    public static func insert(_ event: NewEvent, seq: Int64, prevHash: String, on session: PostgresSession) throws(PostgresFault) -> Row {
        let rows = try session.query(
            """
            INSERT INTO events (seq, cycle, time, actor, type, payload, prev_hash)
            VALUES ($1::bigint, $2, $3, $4, $5, $6, $7)
            RETURNING \(columns)
            """,
            [String(seq), event.cycle, event.time, event.actor, event.type, event.payload, prevHash])
        guard let row = rows.first.flatMap(Self.row) else {
            throw PostgresFault("the server stored event \(seq) but did not return it", fix: "run audit verify on the record")
        }
        return row
    }

    /// Every event in seq order.
    public static func all(on session: PostgresSession) throws(PostgresFault) -> [Row] {
        try session.query("SELECT \(columns) FROM events ORDER BY seq").map { values throws(PostgresFault) in
            guard let row = Self.row(values) else {
                throw PostgresFault("an events row has a NULL where sop keeps text", fix: "run audit verify on the record")
            }
            return row
        }
    }

    static let columns = "seq, cycle, time, actor, type, payload, prev_hash, hash"

    static func row(_ values: [String?]) -> Row? {
        guard values.count == 8, let seq = values[0].flatMap({ Int64($0) }), let cycle = values[1], let time = values[2],
              let actor = values[3], let type = values[4], let payload = values[5], let prev = values[6], let hash = values[7]
        else { return nil }
        return Row(seq: seq, cycle: cycle, time: time, actor: actor, type: type, payload: payload, prevHash: prev, hash: hash)
    }
}
