import Foundation
import SOPCore

/// One thing the audit found wrong.
public struct AuditFinding: Sendable, Equatable, Codable {
    /// The event it concerns (or the first event it puts in doubt); nil when no event is involved.
    public var seq: Int64?
    public var table: String
    public var problem: String

    public init(seq: Int64?, table: String, problem: String) {
        self.seq = seq
        self.table = table
        self.problem = problem
    }
}

/// What `audit verify` checked and found. The record is sound when `findings` is empty.
public struct AuditReport: Sendable, Equatable, Encodable {
    public var events: Int
    public var cycles: Int
    public var artifacts: Int
    public var workflowVersions: Int
    public var followUps: Int
    public var escalations: Int
    /// Refused attempts in the access log, a chain of its own from the same genesis.
    public var accessLogEntries: Int
    /// The newest event's hash: write it down (minutes, e-mail) to prove later that nothing was rewritten.
    public var head: String?
    public var findings: [AuditFinding]

    public var ok: Bool { findings.isEmpty }

    /// The report when the database could not even be read through (SQLite reports it damaged).
    public static func unreadable(_ reason: String) -> AuditReport {
        AuditReport(
            events: 0, cycles: 0, artifacts: 0, workflowVersions: 0, followUps: 0, escalations: 0, accessLogEntries: 0, head: nil,
            findings: [AuditFinding(seq: nil, table: "database", problem: "the audit could not read the database through: \(reason)")])
    }
    /// The lowest event sequence number a finding puts in doubt.
    public var firstBrokenSeq: Int64? { findings.compactMap(\.seq).min() }

    enum CodingKeys: String, CodingKey {
        case ok, firstBrokenSeq, events, cycles, artifacts, workflowVersions, followUps, escalations, accessLogEntries, head, findings
    }

    /// Explicit so `ok` and `firstBrokenSeq` are in the JSON, and a missing head is an explicit null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(firstBrokenSeq, forKey: .firstBrokenSeq)
        try c.encode(events, forKey: .events)
        try c.encode(cycles, forKey: .cycles)
        try c.encode(artifacts, forKey: .artifacts)
        try c.encode(workflowVersions, forKey: .workflowVersions)
        try c.encode(followUps, forKey: .followUps)
        try c.encode(escalations, forKey: .escalations)
        try c.encode(accessLogEntries, forKey: .accessLogEntries)
        try c.encode(head, forKey: .head)
        try c.encode(findings, forKey: .findings)
    }
}

/// Re-derives from the event log everything the database claims, and says where the two differ.
///
/// The events are checked link by link against `AuditChain`; the rows derived from them (cycles,
/// follow-ups, escalations) are re-derived and compared; artifacts and workflow versions against
/// their content hashes; the team and settings against the genesis. Inbox state (acks, deliveries)
/// is operational, not evidence, and is only checked for pointing at real escalations.
struct Auditor {
    let sql: any StoreExecutor
    /// Re-reads a workflow version's YAML text into the model it must have been stored as; nil when
    /// the text does not read (SOPStore cannot parse YAML: the caller can).
    let readWorkflow: (_ source: String, _ sourceName: String) -> Workflow?
    var findings: [AuditFinding] = []

    init(sql: any StoreExecutor, readWorkflow: @escaping (String, String) -> Workflow?) {
        self.sql = sql
        self.readWorkflow = readWorkflow
    }

    mutating func note(_ seq: Int64?, _ table: String, _ problem: String) {
        findings.append(AuditFinding(seq: seq, table: table, problem: problem))
    }

    mutating func run() throws -> AuditReport {
        try checkTriggers()
        let genesis = try checkGenesis()
        let log = try checkEvents(from: genesis)
        let artifacts = try checkArtifacts(referenced: log.artifacts)
        for reopened in log.reopenedWithoutCancel {
            note(reopened.seq, "events", "cycle \(reopened.id) is opened again in event #\(reopened.seq) without being cancelled first")
        }
        let versions = try checkWorkflowVersions(pinned: log.pinned)
        try checkPlanValues()
        try checkPlansOfRecord(register: log.followUps)
        try checkCycles(expected: log.cycles)
        let followUps = try checkFollowUps(log.followUps)
        let escalations = try checkEscalations(log.escalations)
        let accessLog = try walk(.accessLog, from: genesis) { _, _, _ in }
        return AuditReport(
            events: log.count, cycles: log.cycles.count, artifacts: artifacts, workflowVersions: versions,
            followUps: followUps, escalations: escalations, accessLogEntries: accessLog.count, head: log.head,
            findings: findings.sorted { ($0.seq ?? 0, $0.table) < ($1.seq ?? 0, $1.table) })
    }

    // MARK: the append-only guards

    /// Each backend knows its own guards (SQLite's triggers; the server's triggers and grants).
    private mutating func checkTriggers() throws {
        for weakened in try sql.weakenedGuards() { note(nil, weakened.table, weakened.problem) }
    }

    // MARK: genesis

    /// The sealed genesis, after checking it still matches the settings and team it sealed.
    private mutating func checkGenesis() throws -> String? {
        guard let sealed = try AuditChain.sealedGenesis(sql) else {
            note(nil, "meta", "there is no audit genesis (meta key \(AuditChain.genesisKey)): the database was not created by sop, or the key was removed")
            return nil
        }
        if try AuditChain.genesis(sql) != sealed {
            note(nil, "participants", "the team or the database settings (meta) differ from what the database was created with")
        }
        return sealed
    }

    // MARK: the event chain

    struct LogFacts {
        var count = 0
        var head: String?
        /// Each cycle id's latest opening: the `cycles` row must match it.
        var cycles: [String: (workflowHash: String, seq: Int64)] = [:]
        /// Every workflow version a cycle was opened on, cancelled ones included, with the first such event.
        var pinned: [String: Int64] = [:]
        /// Cycle ids whose latest opening was cancelled: the only ones that may be opened again.
        var cancelled: Set<String> = []
        /// Openings of a cycle id that was already open (not cancelled): the log was tampered with.
        var reopenedWithoutCancel: [(id: String, seq: Int64)] = []
        var artifacts: [String: Int64] = [:]
        var followUps = FollowUpRegister()
        var escalations = EscalationRegister()
    }

    private mutating func checkEvents(from genesis: String?) throws -> LogFacts {
        var facts = LogFacts()
        let walked = try walk(.events, from: genesis) { row, seq, auditor in
            guard let event = try? StoredEvent(row: row).cycleEvent() else {
                auditor.note(seq, "events", "event #\(seq) cannot be read as a \(row.text("type") ?? "?") event")
                return
            }
            auditor.record(event, in: &facts)
        }
        (facts.count, facts.head) = walked
        return facts
    }

    /// Walks a ledger link by link from the genesis: gaps, rows that do not link, rows whose content
    /// no longer matches their hash, rows inserted without one, and a tail cut off. Findings about
    /// events carry their seq (the "first broken" number); access-log findings name their entry.
    private mutating func walk(
        _ ledger: AuditChain.Ledger, from genesis: String?, each: (StoreRow, Int64, inout Auditor) -> Void
    ) throws -> (count: Int, head: String?) {
        let isEvents = ledger.table == AuditChain.Ledger.events.table
        let noun = ledger.noun
        let plural = isEvents ? "events" : "access log entries"
        func at(_ key: Int64) -> Int64? { isEvents ? key : nil }
        var count = 0
        var head: String?
        var expected: Int64 = 1
        var prev = genesis
        let columns = ([ledger.key] + ledger.fields + ["prev_hash", "hash"]).joined(separator: ", ")
        for row in try sql.rows("SELECT \(columns) FROM \(ledger.table) ORDER BY \(ledger.key)") {
            guard let key = row.integer(ledger.key) else {
                note(nil, ledger.table, "a row of \(ledger.table) has no readable \(ledger.key): it was edited")
                continue
            }
            let storedPrev = row.text("prev_hash") ?? ""
            let storedHash = row.text("hash") ?? ""
            count += 1
            if key > expected {
                note(at(expected), ledger.table, expected == key - 1
                    ? "\(noun) #\(expected) is missing: it was deleted"
                    : "\(plural) #\(expected) to #\(key - 1) are missing: they were deleted")
            } else if key < expected {
                note(at(key), ledger.table, "\(noun) #\(key) comes before the first one, #1: it was inserted")
            }
            if storedHash.isEmpty {
                note(at(key), ledger.table, "\(noun) #\(key) carries no hash: it was inserted outside sop")
            } else {
                if let prev, storedPrev != prev {
                    note(at(key), ledger.table, "\(noun) #\(key) does not link to the one before it: a row before it was deleted, inserted or rewritten")
                }
                let fields = ledger.fields.map { row.text($0) }
                if AuditChain.link(prev: storedPrev, key: key, fields: fields) != storedHash {
                    note(at(key), ledger.table, "\(noun) #\(key)'s content does not match its hash: it was edited after it was written")
                }
            }
            prev = storedHash
            expected = max(expected, key + 1)
            head = storedHash
            each(row, key, &self)
        }
        let handedOut = try sql.handedOutKey(ledger)
        if handedOut >= expected {
            note(at(expected), ledger.table, expected == handedOut
                ? "\(noun) #\(handedOut) was written and is gone: the log ends before it"
                : "\(plural) #\(expected) to #\(handedOut) were written and are gone: the log ends before them")
        }
        return (count, head)
    }

    /// Collects what the other tables must agree with.
    func record(_ event: CycleEvent, in facts: inout LogFacts) {
        switch event.payload {
        case .cycleOpened(let opened):
            if facts.cycles[event.cycle] != nil, !facts.cancelled.contains(event.cycle) {
                facts.reopenedWithoutCancel.append((event.cycle, event.seq))
            }
            facts.cycles[event.cycle] = (opened.workflowHash, event.seq)
            facts.cancelled.remove(event.cycle)
            facts.pinned[opened.workflowHash] = min(facts.pinned[opened.workflowHash] ?? event.seq, event.seq)
        case .cycleCancelled: facts.cancelled.insert(event.cycle)
        case .inputSubmitted(let submitted):
            if case .file(_, let sha, _) = submitted.content, facts.artifacts[sha] == nil { facts.artifacts[sha] = event.seq }
        default: break
        }
        _ = facts.followUps.apply(event)
        facts.escalations.apply(event)
    }

    // MARK: content-addressed rows

    private mutating func checkArtifacts(referenced: [String: Int64]) throws -> Int {
        var seen = Set<String>()
        for row in try StoredArtifact.fetchAll(sql, "ORDER BY sha256") {
            let (sha, size, content) = (row.sha256, row.size, row.content)
            seen.insert(sha)
            let short = sha.prefix(12)
            if ContentHash.sha256(content) != sha {
                note(referenced[sha], "artifacts", "artifact \(short)'s content does not match its SHA-256: the file was changed")
            } else if content.count != size {
                note(referenced[sha], "artifacts", "artifact \(short) is \(content.count.counted("byte")) but is recorded as \(size)")
            }
            if referenced[sha] == nil {
                note(nil, "artifacts", "artifact \(short) is not submitted by any event: it was inserted")
            }
        }
        for (sha, seq) in referenced where !seen.contains(sha) {
            note(seq, "artifacts", "artifact \(sha.prefix(12)), submitted in event #\(seq), is missing: it was deleted")
        }
        return seen.count
    }

    /// The kept values of the plan files (PlanValueStore) are what the figures read, so each must
    /// still be its file read again; values with no plan event behind them were inserted.
    private mutating func checkPlanValues() throws {
        let tx = StoreTransaction(sql: sql)
        var recorded: [PlanValueRows.Key: PlanReading] = [:]
        for reading in try RecordedPlanReadings.all(tx) { recorded[PlanValueRows.Key(file: reading.sha256, reading: reading.key)] = reading }
        for row in try sql.rows("SELECT file, reading FROM plan_readings ORDER BY file, reading") {
            guard let file = row.text("file"), let reading = row.text("reading") else { continue }
            let key = PlanValueRows.Key(file: file, reading: reading)
            let short = key.file.prefix(12)
            guard let reading = recorded[key] else {
                note(nil, "plan_values", "the values kept for plan file \(short) have no plan event behind them: they were inserted")
                continue
            }
            let kept = try sql.rows(
                "SELECT line, family, resource, month, figures FROM plan_values WHERE file = ? AND reading = ? ORDER BY line", [key.file, key.reading])
            guard let table = try RecordedPlanReadings.table(reading, tx: tx) else { continue }  // the artifact check says why
            let wanted = table.rows.sorted { $0.line < $1.line }
            let same = kept.count == wanted.count && zip(kept, wanted).allSatisfy { stored, row in
                stored["line"] == row.line.storeValue && stored["family"] == row.family.storeValue && stored["resource"] == row.resource.storeValue
                    && stored.text("month") == (row.month?.description ?? "") && stored.text("figures") == PlanValueRows.figures(row)
            }
            if !same {
                note(nil, "plan_values", "the values kept for plan file \(short) (\(reading.fileName)) differ from the file: they were edited")
            }
        }
    }

    private mutating func checkWorkflowVersions(pinned pinnedBy: [String: Int64]) throws -> Int {
        let defaultHash = try sql.text("SELECT value FROM meta WHERE key = 'default_workflow'")
        var seen = Set<String>()
        for row in try StoredWorkflowVersion.fetchAll(sql, "ORDER BY hash") {
            let (hash, source) = (row.hash, row.source)
            let short = hash.prefix(12)
            seen.insert(hash)
            if ContentHash.sha256(source) != hash {
                note(pinnedBy[hash], "workflow_versions", "workflow version \(short)'s text does not match its SHA-256: the YAML was changed")
                continue
            }
            let stored = try? RecordCoding.decoder.decode(Workflow.self, from: Data(row.model.utf8))
            if stored == nil || stored != readWorkflow(source, row.sourceName) {
                note(pinnedBy[hash], "workflow_versions", "workflow version \(short)'s stored model differs from its YAML text: the model was changed")
            }
            if pinnedBy[hash] == nil && hash != defaultHash {
                note(nil, "workflow_versions", "workflow version \(short) is used by no cycle and is not the default: it was inserted")
            }
        }
        for hash in Set(pinnedBy.keys).union(defaultHash.map { [$0] } ?? []) where !seen.contains(hash) {
            note(pinnedBy[hash], "workflow_versions", "workflow version \(hash.prefix(12)) is missing: it was deleted")
        }
        return seen.count
    }

    // MARK: rows derived from the log

    private mutating func checkCycles(expected: [String: (workflowHash: String, seq: Int64)]) throws {
        var seen = Set<String>()
        for row in try StoredCycle.fetchAll(sql) {
            let id = row.id
            seen.insert(id)
            guard let opened = expected[id] else {
                note(nil, "cycles", "cycle \(id) has no cycle-opened event: it was inserted")
                continue
            }
            if row.workflowHash != opened.workflowHash || row.openedSeq != opened.seq {
                note(opened.seq, "cycles", "cycle \(id) differs from its cycle-opened event #\(opened.seq) (workflow or sequence number)")
            }
        }
        for (id, opened) in expected where !seen.contains(id) {
            note(opened.seq, "cycles", "cycle \(id), opened in event #\(opened.seq), is missing: it was deleted")
        }
    }

    private mutating func checkFollowUps(_ register: FollowUpRegister) throws -> Int {
        let items = register.proposals.values.map(FollowUpRegister.Item.proposal)
            + register.decisions.values.map(FollowUpRegister.Item.decision)
            + register.actions.values.map(FollowUpRegister.Item.action)
        let expected = Dictionary(uniqueKeysWithValues: try items.map { ($0.label, try StoredFollowUp($0)) })
        return try compare(StoredFollowUp.self, expected: expected, key: { $0.text("label") })
    }

    private mutating func checkEscalations(_ register: EscalationRegister) throws -> Int {
        let expected = Dictionary(uniqueKeysWithValues: try register.all.map { ("E-\($0.number)", try StoredEscalation($0)) })
        let count = try compare(StoredEscalation.self, expected: expected, key: { row in row.integer("number").map { "E-\($0)" } })
        let orphans = try sql.integer("SELECT count(*) FROM notifications WHERE escalation NOT IN (SELECT number FROM escalations)") ?? 0
        if orphans > 0 {
            note(nil, "notifications", orphans == 1 ? "1 notification names an escalation that does not exist: it was inserted" : "\(orphans) notifications name an escalation that does not exist: they were inserted")
        }
        return count
    }

    /// Compares a derived table with the records the log says it must hold, value by stored value in
    /// every column the record has (so a `live` of 2 differs from 1 although both would read as true).
    private mutating func compare<Record: StoredRecord>(
        _ type: Record.Type, expected records: [String: Record], key: (StoreRow) -> String?
    ) throws -> Int {
        let table = Record.table
        let expected = records.mapValues(\.storedValues)
        var seen = Set<String>()
        for row in try sql.rows(Record.selectAll) {
            guard let key = key(row) else { continue }
            seen.insert(key)
            guard let wanted = expected[key] else {
                note(nil, table, "\(key) has no event behind it: it was inserted")
                continue
            }
            if wanted.contains(where: { column, value in row[column] != value }) {
                note(nil, table, "\(key) differs from what its events say: it was edited")
            }
        }
        for key in expected.keys.sorted() where !seen.contains(key) {
            note(nil, table, "\(key), recorded by events, is missing: it was deleted")
        }
        return seen.count
    }
}

extension StoreTransaction {
    /// Runs the whole audit inside this (read) transaction, so it sees one consistent snapshot.
    public func audit(readingWorkflowsWith read: @escaping (_ source: String, _ sourceName: String) -> Workflow?) throws -> AuditReport {
        var auditor = Auditor(sql: sql, readWorkflow: read)
        return try auditor.run()
    }
}
