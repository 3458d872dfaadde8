import Foundation
import GRDB
import SOPCore

/// Reads and writes inside one transaction. SOPStore only stores; what to write is SOPCore's decision.
public struct StoreTransaction {
    let db: Database

    // MARK: meta

    func meta(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    func setMeta(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
    }

    // MARK: team

    public func team() throws -> Team {
        let rows = try Row.fetchAll(db, sql: "SELECT id, name, roles, login, email FROM participants ORDER BY position")
        let participants = try rows.map { row in
            let id: String = row["id"]
            let rolesJSON: String = row["roles"]
            guard let roles = try? JSONDecoder().decode([String].self, from: Data(rolesJSON.utf8)) else {
                throw StoreError("participant \(id) has unreadable roles in the database")
            }
            return Participant(id: id, name: row["name"], roles: roles, login: row["login"], email: row["email"])
        }
        return Team(participants: participants, identity: try identityMode())
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
        try db.execute(sql: "DELETE FROM participants")
        for (position, p) in team.participants.enumerated() {
            let roles = String(decoding: try JSONEncoder().encode(p.roles), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO participants(position, id, name, roles, login, email) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [position, p.id, p.name, roles, p.login, p.email])
        }
    }

    // MARK: workflows

    /// Stores a workflow version once; storing the same text again is a no-op.
    public func storeWorkflow(_ version: WorkflowVersion, at time: Date) throws {
        let model = String(decoding: try JSONEncoder().encode(version.workflow), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO workflow_versions(hash, workflow, title, source_name, source, model, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [version.hash, version.workflow.id, version.workflow.title, version.sourceName, version.source, model, Timestamps.format(time)])
    }

    public func workflowVersion(_ hash: String) throws -> WorkflowVersion? {
        guard let row = try Row.fetchOne(db, sql: "SELECT source_name, source, model FROM workflow_versions WHERE hash = ?", arguments: [hash]) else {
            return nil
        }
        let model: String = row["model"]
        guard let workflow = try? JSONDecoder().decode(Workflow.self, from: Data(model.utf8)) else {
            throw StoreError("workflow version \(hash.prefix(12)) is unreadable in the database")
        }
        var version = WorkflowVersion(source: row["source"], sourceName: row["source_name"], workflow: workflow)
        version.hash = hash
        return version
    }

    /// The workflow a new cycle uses when none is named: the previous cycle's, else the database's first.
    public func workflowForNextCycle() throws -> WorkflowVersion? {
        let hash = try String.fetchOne(db, sql: "SELECT workflow_hash FROM cycles ORDER BY id DESC LIMIT 1")
        guard let chosen = try hash ?? meta("default_workflow") else { return nil }
        return try workflowVersion(chosen)
    }

    // MARK: cycles and events

    public func cycles() throws -> [CycleRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT c.id, c.workflow_hash, c.opened_seq,
                       EXISTS(SELECT 1 FROM events e WHERE e.cycle = c.id AND e.type = 'cycle-closed') AS closed
                FROM cycles c ORDER BY c.id
                """
        ).map { CycleRow(id: $0["id"], workflowHash: $0["workflow_hash"], openedSeq: $0["opened_seq"], closed: $0["closed"]) }
    }

    /// Appends events in order and returns them with their sequence numbers. A `cycle-opened` event
    /// also registers the cycle and the workflow version it pins.
    @discardableResult
    public func append(_ events: [CycleEvent]) throws -> [CycleEvent] {
        var stored: [CycleEvent] = []
        guard !events.isEmpty else { return stored }
        var (seq, prev) = try AuditChain.head(db)
        for var event in events {
            let payload = String(decoding: try event.payload.encoded(), as: UTF8.self)
            let time = Timestamps.format(event.time)
            let type = event.payload.type.rawValue
            let hash = AuditChain.link(prev: prev, seq: seq, cycle: event.cycle, time: time, actor: event.actor, type: type, payload: payload)
            try db.execute(
                sql: "INSERT INTO events(seq, cycle, time, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [seq, event.cycle, time, event.actor, type, payload, prev, hash])
            event.seq = seq
            (seq, prev) = (seq + 1, hash)
            if case .cycleOpened(let opened) = event.payload {
                try db.execute(
                    sql: "INSERT INTO cycles(id, workflow_hash, opened_seq) VALUES (?, ?, ?)",
                    arguments: [event.cycle, opened.workflowHash, event.seq])
            }
            stored.append(event)
        }
        return stored
    }

    /// A cycle's events, through the (cycle, seq) index: the cost does not grow with other cycles.
    public func events(cycle: String, stage: String? = nil, limit: Int? = nil) throws -> [CycleEvent] {
        var sql = "SELECT seq, cycle, time, actor, type, payload FROM events WHERE cycle = ?"
        var arguments: StatementArguments = [cycle]
        if let stage {
            sql += " AND json_extract(payload, '$.stage') = ?"
            arguments += [stage]
        }
        if let limit {
            // The newest N, returned oldest first.
            sql = "SELECT * FROM (\(sql) ORDER BY seq DESC LIMIT ?) ORDER BY seq"
            arguments += [limit]
        } else {
            sql += " ORDER BY seq"
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.event)
    }

    /// When the newest event was recorded, if any.
    public func lastEventTime() throws -> Date? {
        try String.fetchOne(db, sql: "SELECT time FROM events ORDER BY seq DESC LIMIT 1").flatMap(Timestamps.parse)
    }

    public func eventCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
    }

    static func event(_ row: Row) throws -> CycleEvent {
        let seq: Int64 = row["seq"]
        let typeName: String = row["type"]
        let timeText: String = row["time"]
        let payload: String = row["payload"]
        guard let type = EventType(rawValue: typeName), let time = Timestamps.parse(timeText),
            let decoded = try? EventPayload.decode(type: type, json: Data(payload.utf8))
        else { throw StoreError("event \(seq) is unreadable (type \(typeName)); run `sqlite3` on the file to inspect it") }
        return CycleEvent(seq: seq, cycle: row["cycle"], time: time, actor: row["actor"], payload: decoded)
    }

    /// Folds a cycle from its own events over the workflow version it pinned.
    public func loadCycle(_ id: String) throws -> CycleState? {
        guard let hash = try String.fetchOne(db, sql: "SELECT workflow_hash FROM cycles WHERE id = ?", arguments: [id]) else { return nil }
        guard let version = try workflowVersion(hash) else { throw StoreError("cycle \(id) pins workflow \(hash.prefix(12)), which is missing") }
        let events = try events(cycle: id)
        guard let state = CycleState.fold(events, workflow: version.workflow) else {
            throw StoreError("cycle \(id) has no cycle-opened event")
        }
        return state
    }

    // MARK: artifacts

    /// Stores file bytes under their SHA-256; the same bytes are stored once.
    @discardableResult
    public func storeArtifact(_ bytes: Data, at time: Date) throws -> String {
        let sha = ContentHash.sha256(bytes)
        try db.execute(
            sql: "INSERT OR IGNORE INTO artifacts(sha256, size, content, stored_at) VALUES (?, ?, ?, ?)",
            arguments: [sha, bytes.count, bytes, Timestamps.format(time)])
        return sha
    }

    public func artifact(_ sha256: String) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT content FROM artifacts WHERE sha256 = ?", arguments: [sha256])
    }
}
