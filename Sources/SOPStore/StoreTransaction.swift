import Foundation
import SOPCore

/// Reads and writes inside one transaction. SOPStore only stores; what to write is SOPCore's decision.
public struct StoreTransaction {
    /// The backend's connection inside this transaction.
    let sql: any StoreExecutor
    /// The database's read cache as this transaction sees it; nil reads everything afresh.
    let cache: TransactionCache?

    init(sql: any StoreExecutor, cache: TransactionCache? = nil) {
        self.sql = sql
        self.cache = cache
    }

    /// Which backend this transaction runs on.
    public var dialect: StoreDialect { sql.dialect }

    // MARK: meta

    func meta(_ key: String) throws -> String? {
        try sql.text("SELECT value FROM meta WHERE key = ?", [key])
    }

    func setMeta(_ key: String, _ value: String) throws {
        try MetaSetting(key: key, value: value).insert(sql, "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    }

    // MARK: team

    public func team() throws -> Team {
        // The rows as stored, in one string, with the identity setting, are the key: the same rows
        // always decode to the same team.
        let identity = try identityMode()
        let rows = try StoredParticipant.fetchAll(sql, "ORDER BY position")
        // Separators no participant field can hold in sop's record; NUL marks an absent login or e-mail.
        let stored = identity.rawValue + "\u{1D}" + rows.map { row in
            [row.id, row.name, row.roles, row.login ?? "\u{0}", row.email ?? "\u{0}"].joined(separator: "\u{1F}")
        }.joined(separator: "\u{1E}")
        if let known = cache?.team(stored) { return known }
        let decoder = RecordCoding.decoder
        let team = Team(participants: try rows.map { row in
            guard let roles = try? decoder.decode([String].self, from: Data(row.roles.utf8)) else {
                throw StoreError("participant \(row.id) has unreadable roles in the database")
            }
            return Participant(id: row.id, name: row.name, roles: roles, login: row.login, email: row.email)
        }, identity: identity)
        cache?.keep(team, stored: stored)
        return team
    }

    /// The team's identity mode. Databases made before the setting existed have no row: `declared`,
    /// which is how they always behaved. A value sop does not know is an error rather than a quiet
    /// fall back to `declared`, which would let anyone name anyone on a team meant to use `os`.
    func identityMode() throws -> IdentityMode {
        guard let text = try meta("identity") else { return .declared }
        guard let mode = IdentityMode(rawValue: text) else {
            throw StoreError("the database's identity setting '\(text)' is unknown (meta key 'identity'); it should be os or declared")
        }
        return mode
    }

    func replaceTeam(_ team: Team) throws {
        try setMeta("identity", team.identity.rawValue)
        try sql.execute("DELETE FROM participants")
        for (position, p) in team.participants.enumerated() {
            let roles = String(decoding: try RecordCoding.encoder.encode(p.roles), as: UTF8.self)
            try StoredParticipant(position: position, id: p.id, name: p.name, roles: roles, login: p.login, email: p.email).insert(sql)
        }
    }

    // MARK: workflows

    /// Stores a workflow version once; storing the same text again is a no-op.
    public func storeWorkflow(_ version: WorkflowVersion, at time: Date) throws {
        // Sorted keys, so the same workflow makes the same database bytes; the audit compares decoded
        // models, so versions stored before (in declaration order) still pass.
        let model = String(decoding: try RecordCoding.encoder.encode(version.workflow), as: UTF8.self)
        try StoredWorkflowVersion(
            hash: version.hash, workflow: version.workflow.id, title: version.workflow.title, sourceName: version.sourceName,
            source: version.source, model: model, storedAt: Timestamps.format(time)
        ).insert(sql, "ON CONFLICT DO NOTHING")
    }

    /// The parsed workflow of a version. A version never changes (its hash is its text's), so its
    /// model is decoded once per open database.
    public func workflowModel(_ hash: String) throws -> Workflow? {
        if let known = cache?.workflow(hash) { return known }
        guard let model = try sql.text("SELECT model FROM workflow_versions WHERE hash = ?", [hash]) else {
            return nil
        }
        guard var workflow = try? RecordCoding.decoder.decode(Workflow.self, from: Data(model.utf8)) else {
            throw StoreError("workflow version \(hash.prefix(12)) is unreadable in the database")
        }
        workflow.calendar.recordZone = try recordZone()
        cache?.keep(workflow, hash: hash)
        return workflow
    }

    /// The zone the record was created in (meta `calendar_zone`), which a workflow without `zone:`
    /// reads its days in. A record made before zones were recorded has none: it keeps reading days
    /// where it is opened, as it always did.
    func recordZone() throws -> String {
        try meta("calendar_zone") ?? TimeZone.current.identifier
    }

    public func workflowVersion(_ hash: String) throws -> WorkflowVersion? {
        guard let stored = try StoredWorkflowVersion.fetchOne(sql, "WHERE hash = ?", [hash]), let workflow = try workflowModel(hash) else { return nil }
        var version = WorkflowVersion(source: stored.source, sourceName: stored.sourceName, workflow: workflow)
        version.hash = hash
        return version
    }

    /// The workflow a new cycle uses when none is named: the previous cycle's, else the database's first.
    public func workflowForNextCycle() throws -> WorkflowVersion? {
        let hash = try sql.text("""
            SELECT workflow_hash FROM cycles c WHERE NOT EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.seq > c.opened_seq AND e.type = 'cycle-cancelled') ORDER BY id DESC LIMIT 1
            """)
        guard let chosen = try hash ?? meta("default_workflow") else { return nil }
        return try workflowVersion(chosen)
    }

    // MARK: cycles and events

    public func cycles() throws -> [CycleRow] {
        try sql.rows("""
            SELECT c.id, c.workflow_hash, c.opened_seq,
                   EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.type = 'cycle-closed') AS closed,
                   EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.seq > c.opened_seq AND e.type = 'cycle-cancelled') AS cancelled
            FROM cycles c ORDER BY c.id
            """).map { row in
            let cycle = try StoredCycle(row: row)
            return CycleRow(
                id: cycle.id, workflowHash: cycle.workflowHash, openedSeq: cycle.openedSeq, closed: row.bool("closed") ?? false,
                cancelled: row.bool("cancelled") ?? false)
        }
    }

    /// The cycle commands act on when none is chosen: the most recent open cycle, else the most recent;
    /// never a cancelled one. Read from the `cycles` key and the few `cycle-closed` events (and, per
    /// cycle, its events after its opening for a cancellation), whatever the history's length.
    public func defaultCycleID() throws -> String? {
        try sql.text("""
            SELECT COALESCE(
                (SELECT id FROM cycles c WHERE id NOT IN (SELECT cycle FROM events WHERE type = 'cycle-closed')
                    AND NOT EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.seq > c.opened_seq AND e.type = 'cycle-cancelled') ORDER BY id DESC LIMIT 1),
                (SELECT id FROM cycles c WHERE NOT EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.seq > c.opened_seq AND e.type = 'cycle-cancelled') ORDER BY id DESC LIMIT 1))
            """)
    }

    public func cycleExists(_ id: String) throws -> Bool {
        try sql.bool("SELECT EXISTS(SELECT 1 FROM cycles WHERE id = ?)", [id])
    }

    /// The cycles neither closed nor cancelled, oldest first.
    public func openCycleIDs() throws -> [String] {
        try sql.texts("""
            SELECT id FROM cycles c WHERE id NOT IN (SELECT cycle FROM events WHERE type = 'cycle-closed')
                AND NOT EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.seq > c.opened_seq AND e.type = 'cycle-cancelled') ORDER BY id
            """)
    }

    /// Appends events in order and returns them with their sequence numbers. A `cycle-opened` event
    /// also registers the cycle and the workflow version it pins.
    @discardableResult
    public func append(_ events: [CycleEvent]) throws -> [CycleEvent] {
        var stored: [CycleEvent] = []
        guard !events.isEmpty else { return stored }
        var (seq, prev) = try AuditChain.head(sql)
        for var event in events {
            let payload = String(decoding: try event.payload.encoded(), as: UTF8.self)
            let time = Timestamps.format(event.time)
            let type = event.payload.type.rawValue
            let hash = AuditChain.link(prev: prev, seq: seq, cycle: event.cycle, time: time, actor: event.actor, type: type, payload: payload)
            try StoredEvent(seq: seq, cycle: event.cycle, time: time, actor: event.actor, type: type, payload: payload, prevHash: prev, hash: hash)
                .insert(sql)
            event.seq = seq
            (seq, prev) = (seq + 1, hash)
            if case .cycleOpened(let opened) = event.payload {
                // A month whose cycle was cancelled may be opened again (SOPCore decides that): the row
                // then points at the new opening, and the cancelled cycle's events stay in the log before it.
                // Any other second opening still breaks the primary key, so the store never takes one.
                let reopensCancelled = try sql.bool(
                    """
                    SELECT EXISTS(SELECT 1 FROM cycles c WHERE c.id = ? AND EXISTS(
                        SELECT 1 FROM events e WHERE e.cycle = c.id AND e.seq > c.opened_seq AND e.type = 'cycle-cancelled'))
                    """,
                    [event.cycle])
                let row = StoredCycle(id: event.cycle, workflowHash: opened.workflowHash, openedSeq: event.seq)
                if reopensCancelled {
                    try sql.execute("UPDATE cycles SET workflow_hash = ?, opened_seq = ? WHERE id = ?", [row.workflowHash, row.openedSeq, row.id])
                } else {
                    try row.insert(sql)
                }
            }
            stored.append(event)
        }
        return stored
    }

    /// A cycle's events, through the (cycle, seq) index: the cost does not grow with other cycles.
    public func events(cycle: String, stage: String? = nil, limit: Int? = nil) throws -> [CycleEvent] {
        var query = StoredEvent.selectAll + " WHERE cycle = ?"
        var arguments: [any StoreArgument] = [cycle]
        if let stage {
            query += " AND \(sql.dialect.jsonText("payload", "stage")) = ?"
            arguments.append(stage)
        }
        if let limit {
            // The newest N, returned oldest first.
            query = "SELECT * FROM (\(query) ORDER BY seq DESC LIMIT ?) AS newest ORDER BY seq"
            arguments.append(limit)
        } else {
            query += " ORDER BY seq"
        }
        return try sql.rows(query, arguments).map { try StoredEvent(row: $0).cycleEvent() }
    }

    /// When the newest event was recorded, if any.
    public func lastEventTime() throws -> Date? {
        try sql.text("SELECT time FROM events ORDER BY seq DESC LIMIT 1").flatMap(Timestamps.parse)
    }

    public func eventCount() throws -> Int {
        Int(try sql.integer("SELECT count(*) FROM events") ?? 0)
    }


    /// Folds a cycle from its own events over the workflow version it pinned. With the read cache, only
    /// the events after the ones already folded are read and applied: the cost follows what changed.
    public func loadCycle(_ id: String) throws -> CycleState? {
        guard let cycle = try StoredCycle.fetchOne(sql, "WHERE id = ?", [id]) else { return nil }
        let hash = cycle.workflowHash
        let openedSeq = cycle.openedSeq
        if let cached = cache?.cycle(id), cached.openedSeq == openedSeq, cached.state.workflowHash == hash,
            let state = try catchUp(cached)
        {
            return state
        }
        guard let workflow = try workflowModel(hash) else { throw StoreError("cycle \(id) pins workflow \(hash.prefix(12)), which is missing") }
        let rows = try StoredEvent.fetchAll(sql, "WHERE cycle = ? AND seq >= ? ORDER BY seq", [id, openedSeq])
        guard let first = try rows.first?.cycleEvent(), case .cycleOpened(let opened) = first.payload else {
            throw StoreError("cycle \(id) has no cycle-opened event")
        }
        var state = CycleState(opening: first, workflow: workflow, workflowHash: opened.workflowHash)
        let lastSeq = try fold(rows.dropFirst(), into: &state) ?? first.seq
        cache?.keep(ReadCache.Cycle(state: state, openedSeq: openedSeq, lastSeq: lastSeq))
        return state
    }

    /// Applies event rows to a cycle's state, as `CycleState.fold` does, decoding the payloads of only
    /// the events the state reads (the others, follow-up items and escalations, are counted). Returns
    /// the last row's sequence number.
    private func fold(_ rows: ArraySlice<StoredEvent>, into state: inout CycleState) throws -> Int64? {
        for row in rows {
            if let type = EventType(rawValue: row.type), !CycleState.reads(type) {
                state.count(type)
            } else {
                state.apply(try row.cycleEvent())
            }
        }
        return rows.last?.seq
    }

    /// A cached cycle brought up to date: the events from its last folded one on, through the (cycle, seq)
    /// index. Nil when that event is not there any more (not this history): the caller folds afresh.
    private func catchUp(_ cached: ReadCache.Cycle) throws -> CycleState? {
        let rows = try StoredEvent.fetchAll(sql, "WHERE cycle = ? AND seq >= ? ORDER BY seq", [cached.state.id, cached.lastSeq])
        guard let first = rows.first, first.seq == cached.lastSeq else { return nil }
        guard rows.count > 1 else { return cached.state }
        var updated = cached
        if let last = try fold(rows.dropFirst(), into: &updated.state) { updated.lastSeq = last }
        cache?.keep(updated)
        return updated.state
    }

    /// Tells the read cache that `state` is the cycle as this transaction read it with `events` (just
    /// appended, in order) applied: the next command then starts from it instead of reading and decoding
    /// those events again. Taken only when it adds up: the cache holds this cycle, the state counts
    /// exactly the events the file holds for it up to the last of `events`, and every event's time is one
    /// the file keeps exactly (it keeps milliseconds; a clock reading finer than that would fold
    /// differently from the file). Published with the commit, like everything the transaction read.
    public func remember(_ state: CycleState, after events: [CycleEvent]) throws {
        guard let cache, let last = events.last, let known = cache.cycle(state.id), known.lastSeq <= last.seq,
            events.allSatisfy({ Timestamps.parse(Timestamps.format($0.time)) == $0.time })
        else { return }
        let added = Int(try sql.integer("SELECT COUNT(*) FROM events WHERE cycle = ? AND seq > ? AND seq <= ?", [state.id, known.lastSeq, last.seq]) ?? 0)
        guard state.eventCount == known.state.eventCount + added else { return }
        cache.keep(ReadCache.Cycle(state: state, openedSeq: known.openedSeq, lastSeq: last.seq))
    }

    // MARK: artifacts

    /// Stores file bytes under their SHA-256; the same bytes are stored once.
    @discardableResult
    public func storeArtifact(_ bytes: Data, at time: Date) throws -> String {
        let sha = ContentHash.sha256(bytes)
        try StoredArtifact(sha256: sha, size: bytes.count, content: bytes, storedAt: Timestamps.format(time)).insert(sql, "ON CONFLICT DO NOTHING")
        return sha
    }

    public func artifact(_ sha256: String) throws -> Data? {
        try StoredArtifact.fetchOne(sql, "WHERE sha256 = ?", [sha256])?.content
    }
}

extension StoredEvent {
    /// The event this row records; a row sop cannot read back is a damaged record, not a crash.
    func cycleEvent() throws -> CycleEvent {
        guard let eventType = EventType(rawValue: type), let when = Timestamps.parse(time),
            let decoded = try? EventPayload.decode(type: eventType, json: Data(payload.utf8))
        else { throw StoreError("event \(seq) is unreadable (type \(type)); run `sqlite3` on the file to inspect it") }
        return CycleEvent(seq: seq, cycle: cycle, time: when, actor: actor, payload: decoded)
    }
}
