import Foundation
import SOPCore

/// What `sop copy` and a server's `sop backup` copied.
public struct CopyReport: Sendable, Equatable, Encodable {
    public var events: Int
    public var cycles: Int
    public var artifacts: Int
    /// The newest event's hash in the copy, which is the source's: the chain came across whole.
    public var head: String?
}

/// A whole record copied from one store to another (SQLite ↔ PostgreSQL), table by table in one read
/// snapshot of the source and one write transaction of the target: all of it or, on any failure, none.
/// Every stored value is copied as it is (the chain hashes stored text), the genesis is sealed again
/// from the copied settings and team and must come out as the source's, and each event goes in in
/// order, so a server's link trigger re-checks every link on the way in.
public enum RecordCopy {
    public static func copy(from source: SOPDatabase, to target: SOPDatabase) throws -> CopyReport {
        try source.read { from in
            try target.write { to in try copy(from.sql, to.sql) }
        }
    }

    static func copy(_ from: any StoreExecutor, _ to: any StoreExecutor) throws -> CopyReport {
        guard (try to.integer("SELECT count(*) FROM meta") ?? 0) == 0 else {
            throw StoreError("the target already holds a record; copy into a new file or an empty database")
        }
        guard let sealed = try AuditChain.sealedGenesis(from) else {
            throw StoreError("the source has no audit genesis, so it is not a whole sop record; run `sop audit verify` on it")
        }
        for setting in try MetaSetting.fetchAll(from, "WHERE key <> ? ORDER BY key", [AuditChain.genesisKey]) { try setting.insert(to) }
        for participant in try StoredParticipant.fetchAll(from, "ORDER BY position") { try participant.insert(to) }
        try to.sealGenesis()
        guard try AuditChain.sealedGenesis(to) == sealed else {
            throw StoreError(
                "the source's team or settings differ from what it was created with (its genesis does not seal again); run `sop audit verify` on it")
        }
        try each(StoredWorkflowVersion.self, from, to, "ORDER BY hash")
        let artifacts = try each(StoredArtifact.self, from, to, "ORDER BY sha256")
        var head: String?
        var events = 0
        for event in try StoredEvent.fetchAll(from, "ORDER BY seq") {
            try event.insert(to)
            (head, events) = (event.hash, events + 1)
        }
        let cycles = try each(StoredCycle.self, from, to, "ORDER BY id")
        try each(StoredFollowUp.self, from, to, "ORDER BY kind, number")
        try each(StoredEscalation.self, from, to, "ORDER BY number")
        try each(StoredNotification.self, from, to, "ORDER BY number")
        try each(StoredRefusedAttempt.self, from, to, "ORDER BY number")
        for row in try from.rows("SELECT file, reading FROM plan_readings ORDER BY file, reading") {
            try to.execute("INSERT INTO plan_readings(file, reading) VALUES (?, ?)", [row[0], row[1]])
        }
        let values = "file, reading, line, family, resource, month, figures"
        for row in try from.rows("SELECT \(values) FROM plan_values ORDER BY file, reading, month, line") {
            try to.execute("INSERT INTO plan_values(\(values)) VALUES (\(placeholders(7)))", row.values)
        }
        let kept = "cycle, kind, stage, input, file_name, file, version, scenario, decision"
        for row in try from.rows("SELECT \(kept) FROM plans_of_record ORDER BY cycle, kind") {
            try to.execute("INSERT INTO plans_of_record(\(kept)) VALUES (\(placeholders(9)))", row.values)
        }
        return CopyReport(events: events, cycles: cycles, artifacts: artifacts, head: head)
    }

    @discardableResult
    private static func each<Record: StoredRecord>(_ type: Record.Type, _ from: any StoreExecutor, _ to: any StoreExecutor, _ order: String) throws -> Int {
        let rows = try Record.fetchAll(from, order)
        for row in rows { try row.insert(to) }
        return rows.count
    }
}
