import Foundation
import SOPCore

extension StoreTransaction {
    /// The follow-up items cycle `id` can see — raised in it, still live, or closed in it or later —
    /// plus any items named in `labels` (`P-3`, `D-1`), whatever cycle they belong to. The cost grows
    /// with those items, not with the history; with the read cache, with the items changed since.
    public func followUps(visibleIn id: String, including labels: [String] = []) throws -> FollowUpRegister {
        var register = try visibleFollowUps(id)
        for label in labels {
            for row in try StoredFollowUp.fetchAll(sql, "WHERE label = ?", [label]) {
                register.put(try row.item())
            }
        }
        return register
    }

    private static let visibleSQL = """
        \(StoredFollowUp.selectAll) WHERE cycle = ?
        UNION \(StoredFollowUp.selectAll) WHERE live = 1
        UNION \(StoredFollowUp.selectAll) WHERE closed_in >= ?
        """

    /// What cycle `id` sees. A cached register is brought up to date with the rows whose revision is
    /// newer (each change to a row raises its revision), each put in or taken out by the same rule as
    /// `visibleSQL`; when nothing changed, that is one read of the highest revision.
    private func visibleFollowUps(_ id: String) throws -> FollowUpRegister {
        guard let cache else { return try register(visibleRows(id)) }
        let revision = try sql.integer("SELECT MAX(revision) FROM follow_ups") ?? 0
        if let cached = cache.followUps(id), cached.revision == revision { return cached.register }
        // Taken out of the cache, so the changed rows are put into it in place, not into a copy.
        if var cached = cache.takeFollowUps(id), cached.revision < revision {
            // CASE, not the bare comparison: a boolean on PostgreSQL, and NULL where closed_in is NULL.
            let changed = try sql.rows(
                """
                SELECT \(StoredFollowUp.columns.joined(separator: ", ")),
                    CASE WHEN cycle = ? OR live = 1 OR closed_in >= ? THEN 1 ELSE 0 END AS visible
                FROM follow_ups WHERE revision > ?
                """,
                [id, id, cached.revision])
            for row in changed {
                let changedItem = try StoredFollowUp(row: row).item()
                if row.bool("visible") == true { cached.register.put(changedItem) } else { cached.register.remove(changedItem) }
            }
            cached.revision = revision
            cache.keep(cached, for: id)
            return cached.register
        }
        let fresh = try register(visibleRows(id))
        cache.keep(ReadCache.FollowUps(register: fresh, revision: revision), for: id)
        return fresh
    }

    private func visibleRows(_ id: String) throws -> [StoredFollowUp] {
        try sql.rows(Self.visibleSQL, [id, id]).map(StoredFollowUp.init(row:))
    }

    /// Every follow-up item of one kind in the database (`decisions --all-cycles`).
    public func allFollowUps(_ kind: FollowUpKind) throws -> FollowUpRegister {
        try register(StoredFollowUp.fetchAll(sql, "WHERE kind = ? ORDER BY number", [kind.rawValue]))
    }

    /// The numbers the next new proposal, decision and action get: one more than the highest so far.
    /// One lookup per kind down the (kind, number) index, so the cost does not grow with the register.
    public func nextNumbers() throws -> NextNumbers {
        let highest = try sql.row("""
            SELECT (SELECT MAX(number) FROM follow_ups WHERE kind = 'proposal') AS proposal,
                   (SELECT MAX(number) FROM follow_ups WHERE kind = 'decision') AS decision,
                   (SELECT MAX(number) FROM follow_ups WHERE kind = 'action') AS action
            """)
        return NextNumbers(
            proposal: (highest?.int("proposal") ?? 0) + 1, decision: (highest?.int("decision") ?? 0) + 1,
            action: (highest?.int("action") ?? 0) + 1)
    }

    /// Saves the current record of items an event created or changed. A row that exists keeps its
    /// label, kind, number and cycle (they name the item); its state and record are replaced.
    public func save(_ items: [FollowUpRegister.Item]) throws {
        for item in items {
            try StoredFollowUp(item).insert(
                sql, "ON CONFLICT(label) DO UPDATE SET live = excluded.live, closed_in = excluded.closed_in, record = excluded.record")
        }
    }
}

extension StoredFollowUp {
    /// The `follow_ups` row of an item: what `save` writes and what the audit expects to find.
    init(_ item: FollowUpRegister.Item) throws {
        let encoder = RecordCoding.encoder
        let kind: FollowUpKind
        let number: Int
        let cycle: String
        let live: Bool
        let closedIn: String?
        let json: Data
        switch item {
        case .proposal(let p):
            (kind, number, cycle, live, closedIn, json) = (.proposal, p.number, p.cycle, p.decision == nil, p.decidedIn, try encoder.encode(p))
        case .decision(let d):
            (kind, number, cycle, live, closedIn, json) = (.decision, d.number, d.cycle, false, nil, try encoder.encode(d))
        case .action(let a):
            (kind, number, cycle, live, closedIn, json) = (.action, a.number, a.cycle, a.isOpen, a.closedIn, try encoder.encode(a))
        }
        self.init(
            label: item.label, kind: kind.rawValue, number: number, cycle: cycle, live: live, closedIn: closedIn,
            record: String(decoding: json, as: UTF8.self))
    }

    /// The item this row records.
    func item() throws -> FollowUpRegister.Item {
        let decoder = RecordCoding.decoder
        let json = Data(record.utf8)
        do {
            switch FollowUpKind(rawValue: kind) {
            case .proposal: return .proposal(try decoder.decode(Proposal.self, from: json))
            case .decision: return .decision(try decoder.decode(Decision.self, from: json))
            case .action: return .action(try decoder.decode(FollowUpAction.self, from: json))
            case nil: throw StoreError("follow_ups holds an unknown kind '\(kind)'")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("a \(kind) record in follow_ups is unreadable: \(error)")
        }
    }
}

extension StoreTransaction {
    /// The register folded afresh from every follow-up event in the log: what `follow_ups` must equal.
    public func followUpsFromLog() throws -> FollowUpRegister {
        let types = EventType.allCases.filter(\.isFollowUp).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var register = FollowUpRegister()
        let rows = try StoredEvent.fetchAll(sql, "WHERE type IN (\(types)) ORDER BY seq")
        for row in rows { register.apply(try row.cycleEvent()) }
        return register
    }

    func register(_ rows: [StoredFollowUp]) throws -> FollowUpRegister {
        var register = FollowUpRegister()
        for row in rows { register.put(try row.item()) }
        return register
    }
}

extension FollowUpRegister {
    /// Adds or replaces an item.
    mutating func put(_ item: Item) {
        switch item {
        case .proposal(let p): proposals[p.number] = p
        case .decision(let d): decisions[d.number] = d
        case .action(let a): actions[a.number] = a
        }
    }

    mutating func remove(_ item: Item) {
        switch item {
        case .proposal(let p): proposals[p.number] = nil
        case .decision(let d): decisions[d.number] = nil
        case .action(let a): actions[a.number] = nil
        }
    }
}
