import Foundation
import GRDB
import SOPCore

extension StoreTransaction {
    /// The follow-up items cycle `id` can see — raised in it, still live, or closed in it or later —
    /// plus any items named in `labels` (`P-3`, `D-1`), whatever cycle they belong to. The cost grows
    /// with those items, not with the history.
    public func followUps(visibleIn id: String, including labels: [String] = []) throws -> FollowUpRegister {
        var sql = """
            SELECT kind, record FROM follow_ups WHERE cycle = :cycle
            UNION SELECT kind, record FROM follow_ups WHERE live = 1
            UNION SELECT kind, record FROM follow_ups WHERE closed_in >= :cycle
            """
        var arguments: [String: (any DatabaseValueConvertible)?] = ["cycle": id]
        for (n, label) in labels.enumerated() {
            sql += "\nUNION SELECT kind, record FROM follow_ups WHERE label = :l\(n)"
            arguments["l\(n)"] = label
        }
        return try register(Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)))
    }

    /// Every follow-up item of one kind in the database (`decisions --all-cycles`).
    public func allFollowUps(_ kind: FollowUpKind) throws -> FollowUpRegister {
        try register(Row.fetchAll(db, sql: "SELECT kind, record FROM follow_ups WHERE kind = ? ORDER BY number", arguments: [kind.rawValue]))
    }

    /// The numbers the next new proposal, decision and action get: one more than the highest so far.
    public func nextNumbers() throws -> NextNumbers {
        var next = NextNumbers()
        for row in try Row.fetchAll(db, sql: "SELECT kind, MAX(number) AS n FROM follow_ups GROUP BY kind") {
            let kind: String = row["kind"]
            let n: Int = row["n"]
            switch FollowUpKind(rawValue: kind) {
            case .proposal: next.proposal = n + 1
            case .decision: next.decision = n + 1
            case .action: next.action = n + 1
            case nil: throw StoreError("follow_ups holds an unknown kind '\(kind)'")
            }
        }
        return next
    }

    /// Saves the current record of items an event created or changed.
    public func save(_ items: [FollowUpRegister.Item]) throws {
        for item in items {
            try db.execute(
                sql: """
                    INSERT INTO follow_ups(label, kind, number, cycle, live, closed_in, record) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(label) DO UPDATE SET live = excluded.live, closed_in = excluded.closed_in, record = excluded.record
                    """,
                arguments: StatementArguments(try Self.followUpRow(item)))
        }
    }

    /// The `follow_ups` row of an item, column by column (label, kind, number, cycle, live, closed_in,
    /// record): what `save` writes and what the audit expects to find.
    static func followUpRow(_ item: FollowUpRegister.Item) throws -> [DatabaseValue] {
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
        return [
            item.label.databaseValue, kind.rawValue.databaseValue, number.databaseValue, cycle.databaseValue, live.databaseValue,
            closedIn.databaseValue, String(decoding: json, as: UTF8.self).databaseValue,
        ]
    }

    /// The register folded afresh from every follow-up event in the log: what `follow_ups` must equal.
    public func followUpsFromLog() throws -> FollowUpRegister {
        let types = EventType.allCases.filter(\.isFollowUp).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var register = FollowUpRegister()
        let rows = try Row.fetchAll(db, sql: "SELECT seq, cycle, time, actor, type, payload FROM events WHERE type IN (\(types)) ORDER BY seq")
        for row in rows { register.apply(try Self.event(row)) }
        return register
    }

    private func register(_ rows: [Row]) throws -> FollowUpRegister {
        let decoder = RecordCoding.decoder
        var proposals: [Proposal] = []
        var decisions: [Decision] = []
        var actions: [FollowUpAction] = []
        for row in rows {
            let kind: String = row["kind"]
            let record = Data((row["record"] as String).utf8)
            do {
                switch FollowUpKind(rawValue: kind) {
                case .proposal: proposals.append(try decoder.decode(Proposal.self, from: record))
                case .decision: decisions.append(try decoder.decode(Decision.self, from: record))
                case .action: actions.append(try decoder.decode(FollowUpAction.self, from: record))
                case nil: throw StoreError("follow_ups holds an unknown kind '\(kind)'")
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("a \(kind) record in follow_ups is unreadable: \(error)")
            }
        }
        return FollowUpRegister(proposals: proposals, decisions: decisions, actions: actions)
    }
}
