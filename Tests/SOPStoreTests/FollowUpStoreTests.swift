import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// The follow_ups table: saved in the same transaction as the events, equal to a fresh fold of the
/// log, numbered across the database, and read per cycle through indexes.
@Suite struct FollowUpStoreTests {
    /// Runs follow-up commands the way SOPShell's acknowledgement does: load, decide, append, save.
    struct Desk {
        let database: SOPDatabase
        var clock = StoreFixture.start

        @discardableResult
        mutating func run(_ command: CycleCommand, as who: String, in cycle: String) throws -> [CycleEvent] {
            guard let actor = StoreFixture.team.participant(who) else { throw FixtureError("no participant \(who)") }
            clock = clock.addingTimeInterval(60)
            let now = clock
            return try database.write { tx in
                guard let state = try tx.loadCycle(cycle) else { throw FixtureError("no cycle \(cycle)") }
                var register = try tx.followUps(visibleIn: cycle, including: command.referencedItems)
                let context = DecisionContext(register: register, next: try tx.nextNumbers(), today: Day(year: 2026, month: 11, day: 2))
                let payloads = try state.decide(command, by: actor, team: StoreFixture.team, context: context)
                let stored = try tx.append(payloads.map { CycleEvent(cycle: cycle, time: now, actor: who, payload: $0) })
                for event in stored { try tx.save(register.apply(event)) }
                return stored
            }
        }
    }

    static func november(_ folder: TemporaryFolder) throws -> (SOPDatabase, Desk) {
        let database = try SOPDatabase.initialized(at: folder.path("f.db"))
        _ = try ScriptedCycle(database, month: "2026-11")
        var desk = Desk(database: database)
        try desk.run(.propose(text: "Add a shift", stage: nil, options: ["Yes", "No"]), as: "maria", in: "2026-11")
        try desk.run(.propose(text: "Raise prices", stage: "demand", options: []), as: "maria", in: "2026-11")
        try desk.run(.decide(proposal: 1, text: "Add it", rationale: "Demand is firm", option: "yes", supersedes: nil), as: "sam", in: "2026-11")
        try desk.run(.deferProposal(2, to: "2027-01", reason: "Wait for Q1"), as: "sam", in: "2026-11")
        try desk.run(.decide(proposal: nil, text: "No, keep one shift", rationale: "Union", option: "No", supersedes: 1), as: "sam", in: "2026-11")
        let due = Day(year: 2026, month: 11, day: 20)
        try desk.run(.addAction(title: "Tell the plant", owner: "dan", due: due, decision: 2, stage: nil), as: "dan", in: "2026-11")
        try desk.run(.addAction(title: "Price study", owner: "dan", due: due, decision: nil, stage: "demand"), as: "maria", in: "2026-11")
        try desk.run(.completeAction(1, note: "Told"), as: "dan", in: "2026-11")
        return (database, desk)
    }

    @Test func theTableEqualsAFreshFoldOfTheLog() throws {
        let folder = try TemporaryFolder()
        var (database, desk) = try Self.november(folder)
        _ = try ScriptedCycle(database, month: "2026-12")
        try desk.run(.reassignAction(2, owner: "maria"), as: "dan", in: "2026-12")
        try desk.run(.addAction(title: "Follow up", owner: "sam", due: Day(year: 2026, month: 12, day: 4), decision: nil, stage: nil), as: "maria", in: "2026-12")
        let (stored, folded) = try database.read { tx in
            (FollowUpRegister(
                proposals: Array(try tx.allFollowUps(.proposal).proposals.values),
                decisions: Array(try tx.allFollowUps(.decision).decisions.values),
                actions: Array(try tx.allFollowUps(.action).actions.values)),
             try tx.followUpsFromLog())
        }
        #expect(stored == folded)
        #expect(stored.proposals.count == 2 && stored.decisions.count == 2 && stored.actions.count == 3)
        #expect(stored.decisions[1]?.supersededBy == 2, "superseding is recorded on the old decision")
        #expect(stored.decisions[2]?.proposal == 1, "the new decision inherits the proposal")
        #expect(stored.proposals[1]?.decision == 2)
        #expect(stored.actions[2]?.owner == "maria" && stored.actions[2]?.reassignments.count == 1)
    }

    @Test func numbersContinueAcrossCycles() throws {
        let folder = try TemporaryFolder()
        var (database, desk) = try Self.november(folder)
        _ = try ScriptedCycle(database, month: "2026-12")
        #expect(try database.read { try $0.nextNumbers() } == NextNumbers(proposal: 3, decision: 3, action: 3))
        let stored = try desk.run(.propose(text: "Next", stage: nil, options: []), as: "maria", in: "2026-12")
        guard case .proposalRaised(let raised) = stored.first?.payload else {
            Issue.record("expected a proposal-raised event")
            return
        }
        #expect(raised.number == 3)
    }

    @Test func aLaterCycleSeesOpenActionsAndDeferredProposalsButNotClosedOnes() throws {
        let folder = try TemporaryFolder()
        let (database, _) = try Self.november(folder)
        _ = try ScriptedCycle(database, month: "2026-12")
        let december = try database.read { try $0.followUps(visibleIn: "2026-12") }
        #expect(december.openActions(of: "2026-12").map(\.label) == ["A-2"], "A-1 was done in November")
        #expect(december.actions[1] == nil, "closed earlier items are not loaded")
        #expect(december.proposals[2]?.state(in: "2026-12") == .deferred)
        #expect(december.openProposals(of: "2026-12").isEmpty)
        #expect(december.decisions(of: "2026-12").isEmpty)
        let january = try database.read { try $0.followUps(visibleIn: "2027-01") }
        #expect(january.openProposals(of: "2027-01").map(\.label) == ["P-2"], "deferred into January: open there")
        let named = try database.read { try $0.followUps(visibleIn: "2026-12", including: ["D-1", "A-1"]) }
        #expect(named.decisions[1] != nil && named.actions[1] != nil, "items a command names are loaded whatever their cycle")
    }

    @Test func readingACyclesItemsUsesTheIndexes() throws {
        let folder = try TemporaryFolder()
        let (database, _) = try Self.november(folder)
        let plan = try database.read { tx in
            try Row.fetchAll(
                tx.db,
                sql: """
                    EXPLAIN QUERY PLAN
                    SELECT * FROM follow_ups WHERE cycle = :cycle
                    UNION SELECT * FROM follow_ups WHERE live = 1
                    UNION SELECT * FROM follow_ups WHERE closed_in >= :cycle
                    """,
                arguments: ["cycle": "2026-12"]
            ).map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains { $0.contains("follow_ups_by_cycle") }, "\(plan)")
        #expect(plan.contains { $0.contains("follow_ups_live") }, "\(plan)")
        #expect(plan.contains { $0.contains("follow_ups_by_closing") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN follow_ups") }, "no full scan: \(plan)")
    }

    @Test func aRefusedCommandSavesNothing() throws {
        let folder = try TemporaryFolder()
        var (database, desk) = try Self.november(folder)
        let before = try database.read { tx in (try tx.eventCount(), try tx.allFollowUps(.action)) }
        #expect(throws: Refusal.self) {
            try desk.run(.completeAction(2, note: nil), as: "sam", in: "2026-11")
        }
        let after = try database.read { tx in (try tx.eventCount(), try tx.allFollowUps(.action)) }
        #expect(after.0 == before.0 && after.1 == before.1)
    }

    @Test func workflowModelsStoredBeforeTheseKeysStillLoad() throws {
        // A stage and calendar as an earlier `sop` stored them: no deciders/agenda/requires, holidays as objects.
        let old = """
            {"id":"w","title":"W","calendar":{"workdays":["mon","tue","wed","thu","fri"],"holidays":[{"year":2026,"month":12,"day":25}]},
             "roles":[{"id":"leader","title":"L"},{"id":"sponsor","title":"S"}],
             "stages":[{"id":"a","title":"A","owner":"leader","after":[],"due":2,"contributors":[],"inputs":[],"signoffs":["leader"],"escalation":[]}]}
            """
        let workflow = try JSONDecoder().decode(Workflow.self, from: Data(old.utf8))
        #expect(workflow.deciders.isEmpty && workflow.agenda.constraints.isEmpty)
        #expect(workflow.stages.first?.requires == [])
        #expect(workflow.calendar.holidays.contains(Day(year: 2026, month: 12, day: 25)))
        let again = try JSONDecoder().decode(Workflow.self, from: try JSONEncoder().encode(workflow))
        #expect(again == workflow)
    }

    @Test func aDatabaseFromBeforeFollowUpsIsMigratedOnOpen() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.db")
        do {
            // A file as the previous release made it: only the first migration applied.
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v1-event-log")
            try queue.close()
        }
        let database = try SOPDatabase(path: path)
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        _ = try ScriptedCycle(database, month: "2026-11")
        var desk = Desk(database: database)
        try desk.run(.propose(text: "After the upgrade", stage: nil, options: []), as: "maria", in: "2026-11")
        let migrations = try database.read { tx in try String.fetchAll(tx.db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1-event-log", "v2-follow-ups", "v3-escalations", "v4-audit-chain", "v5-access-log", "v6-performance", "v7-plan-values", "v8-plans-of-record"])
        #expect(try database.read { try $0.followUps(visibleIn: "2026-11").openProposals(of: "2026-11").map(\.text) } == ["After the upgrade"])
    }
}
