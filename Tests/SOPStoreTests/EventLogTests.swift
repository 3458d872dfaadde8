import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// Initialisation, appending and loading events, transactions, and reopening a file.
@Suite struct EventLogTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    // MARK: initialize

    @Test func initializeStoresTheWorkflowAndTheTeam() throws {
        let database = try SOPDatabase(path: folder.path("sop.db"))
        #expect(try !database.isInitialized())
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        #expect(try database.isInitialized())
        try database.read { tx throws in
            #expect(try tx.team() == StoreFixture.team, "participants come back in order with roles, login and email")
            #expect(try tx.meta("default_workflow") == StoreFixture.version.hash)
            #expect(try tx.meta("created_at") == Timestamps.format(StoreFixture.start))
            let stored = try #require(try tx.workflowVersion(StoreFixture.version.hash))
            #expect(stored == StoreFixture.version, "source, name, hash and parsed model round-trip")
            #expect(try tx.workflowForNextCycle() == StoreFixture.version)
            #expect(try tx.cycles().isEmpty)
            #expect(try tx.eventCount() == 0)
        }
    }

    @Test func initializingTwiceThrowsAndChangesNothing() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        let before = try dump(database)
        let otherTeam = Team(participants: [Participant(id: "eve", name: "Eve", roles: ["leader"])])
        #expect(throws: StoreError.self) {
            try database.initialize(workflow: StoreFixture.otherVersion, team: otherTeam, at: StoreFixture.start.addingTimeInterval(86_400))
        }
        #expect(try dump(database) == before)
        #expect(try database.read { try $0.team() } == StoreFixture.team)
    }

    /// Every row of every table, as text: "changes nothing" means this is identical.
    private func dump(_ database: SOPDatabase) throws -> [String] {
        try database.read { tx throws in
            var lines: [String] = []
            for table in ["meta", "workflow_versions", "participants", "events", "cycles", "artifacts"] {
                for row in try Row.fetchAll(tx.db, sql: "SELECT * FROM \(table) ORDER BY 1") {
                    lines.append("\(table): \(row.description)")
                }
            }
            return lines
        }
    }

    // MARK: append and load

    @Test func appendedEventsComeBackInOrderWithTheirSequenceTimeAndPayload() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        var cycle = try ScriptedCycle(database)
        try cycle.playSample()
        let loaded = try database.read { try $0.events(cycle: "2026-11") }
        #expect(loaded == cycle.events, "sequence numbers, cycle, times, actors and payloads intact")
        #expect(loaded.map(\.seq) == Array(1...Int64(loaded.count)))
        #expect(loaded.map(\.payload.type) == [.cycleOpened, .inputSubmitted, .signedOff, .inputSubmitted, .signedOff])

        // Filters: one stage, and the newest N oldest first.
        let demand = try database.read { try $0.events(cycle: "2026-11", stage: "demand") }
        #expect(demand == cycle.events.filter { $0.payload.stage == "demand" })
        let newest = try database.read { try $0.events(cycle: "2026-11", limit: 2) }
        #expect(newest == Array(cycle.events.suffix(2)))
    }

    @Test func timesAreStoredToTheMillisecondInUTC() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        let time = Date(timeIntervalSince1970: 1_793_610_000.123_456)
        let event = CycleEvent(
            cycle: "2026-11", time: time, actor: "dan",
            payload: .waived(Waived(stage: "gather", reason: "unicode ✓ \"quoted\"\nnew line")))
        let stored = try database.append(event)
        #expect(stored.seq == 1)
        let text = try database.read { tx in try String.fetchOne(tx.db, sql: "SELECT time FROM events WHERE seq = 1") }
        #expect(text == "2026-11-02T09:00:00.123Z")
        let loaded = try #require(try database.read { try $0.events(cycle: "2026-11") }.first)
        #expect(abs(loaded.time.timeIntervalSince(time)) < 0.001)
        #expect(loaded.payload == event.payload, "payload text survives JSON, including quotes and new lines")
        #expect(loaded.actor == "dan")
    }

    @Test func everyPayloadKindRoundTrips() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        let payloads: [EventPayload] = [
            .cycleOpened(CycleOpened(workflow: "store-test", workflowHash: StoreFixture.version.hash)),
            .inputSubmitted(InputSubmitted(stage: "gather", input: "history", version: 1, content: .file(name: "h.csv", sha256: "ab", size: 3))),
            .inputSubmitted(InputSubmitted(stage: "demand", input: "assumptions", version: 2, content: .note("note"))),
            .inputSubmitted(InputSubmitted(stage: "demand", input: "assumptions", version: 3, content: .link("https://example.com/x"))),
            .signedOff(SignedOff(stage: "gather", role: "demand", comment: nil, basis: SignoffBasis(inputs: ["history": 1], upstream: [:]))),
            .signedOff(SignedOff(stage: "demand", role: "leader", comment: "ok", basis: SignoffBasis(inputs: ["assumptions": 3], upstream: ["gather": 1]))),
            .rejected(Rejected(stage: "demand", reason: "too low", inputs: ["assumptions"])),
            .waived(Waived(stage: "gather", reason: "holiday")),
            .escalationRaised(EscalationRaised(
                number: 1, subject: .lateStage("demand"), level: 2, workdays: 3, roles: ["leader"], told: ["maria"], unheld: [],
                message: "demand is 3 workdays late, level 2")),
            .escalationRaised(EscalationRaised(
                number: 2, subject: .overdueAction(4), level: 1, workdays: 1, roles: ["owner"], told: ["omar"], unheld: ["finance"],
                message: "A-4 is 1 workday overdue, level 1")),
            .escalationRaised(EscalationRaised(
                number: 3, subject: .signoffWait("demand"), level: 1, workdays: 2, roles: ["sales"], told: [], unheld: ["sales"],
                message: "demand has waited 2 workdays for sign-off, level 1")),
            .escalationResolved(EscalationResolved(number: 1, because: "demand is done")),
            .cycleClosed(CycleClosed()),
        ]
        let events = payloads.enumerated().map { index, payload in
            CycleEvent(cycle: "2026-11", time: StoreFixture.start.addingTimeInterval(Double(index)), actor: "maria", payload: payload)
        }
        let stored = try database.write { try $0.append(events) }
        #expect(stored.map(\.seq) == Array(1...Int64(payloads.count)))
        let loaded = try database.read { try $0.events(cycle: "2026-11") }
        #expect(loaded.map(\.payload) == payloads)
        let types = try database.read { tx in try String.fetchAll(tx.db, sql: "SELECT type FROM events ORDER BY seq") }
        #expect(types == payloads.map(\.type.rawValue))
    }

    @Test func loadCycleFoldsToTheStateOfApplyingTheEventsDirectly() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        var cycle = try ScriptedCycle(database)
        try cycle.playSample()
        let loaded = try #require(try database.read { try $0.loadCycle("2026-11") })
        #expect(loaded.stages == cycle.state.stages)
        #expect(loaded.eventCount == cycle.state.eventCount)
        #expect(loaded.workflowHash == StoreFixture.version.hash)
        #expect(loaded.state(of: "gather") == .done)
        #expect(loaded.state(of: "demand") == .review)
        let folded = try #require(CycleState.fold(cycle.events, workflow: StoreFixture.workflow))
        #expect(loaded.stages == folded.stages)
        #expect(try database.read { try $0.loadCycle("2026-12") } == nil, "a cycle that was never opened")
    }

    @Test func cyclesListsEachOpenedCycleAndWhetherItIsClosed() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        let november = try ScriptedCycle(database, month: "2026-11")
        _ = try ScriptedCycle(database, month: "2026-12")
        try database.append(CycleEvent(cycle: "2026-11", time: StoreFixture.start, actor: "maria", payload: .cycleClosed(CycleClosed())))
        let rows = try database.read { try $0.cycles() }
        #expect(rows == [
            CycleRow(id: "2026-11", workflowHash: StoreFixture.version.hash, openedSeq: november.events[0].seq, closed: true),
            CycleRow(id: "2026-12", workflowHash: StoreFixture.version.hash, openedSeq: 2, closed: false),
        ])
    }

    // MARK: transactions

    @Test func aThrowInsideWriteRollsBackEverythingItWrote() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        var cycle = try ScriptedCycle(database)
        try cycle.playSample()
        let countBefore = try database.eventCount()
        let bytes = Data("never stored".utf8)
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try database.write { tx in
                try tx.storeArtifact(bytes, at: StoreFixture.start)
                try tx.append([
                    CycleEvent(cycle: "2026-11", time: StoreFixture.start, actor: "dan", payload: .waived(Waived(stage: "demand", reason: "x"))),
                    CycleEvent(
                        cycle: "2026-12", time: StoreFixture.start, actor: "maria",
                        payload: .cycleOpened(CycleOpened(workflow: "store-test", workflowHash: StoreFixture.version.hash))),
                ])
                try tx.storeWorkflow(StoreFixture.otherVersion, at: StoreFixture.start)
                throw Refused()
            }
        }
        try database.read { tx throws in
            #expect(try tx.eventCount() == countBefore)
            #expect(try tx.artifact(ContentHash.sha256(bytes)) == nil)
            #expect(try tx.cycles().map(\.id) == ["2026-11"])
            #expect(try tx.workflowVersion(StoreFixture.otherVersion.hash) == nil)
        }
        let state = try #require(try database.read { try $0.loadCycle("2026-11") })
        #expect(state.stages == cycle.state.stages)
    }

    @Test func aFailingStatementInsideWriteRollsBackTheEarlierOnes() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        _ = try ScriptedCycle(database)
        let opened = EventPayload.cycleOpened(CycleOpened(workflow: "store-test", workflowHash: StoreFixture.version.hash))
        // Opening 2026-11 a second time breaks the cycles primary key after the event row was inserted.
        #expect(throws: DatabaseError.self) {
            try database.write { tx in
                try tx.append([
                    CycleEvent(cycle: "2026-11", time: StoreFixture.start, actor: "dan", payload: .waived(Waived(stage: "gather", reason: "x"))),
                    CycleEvent(cycle: "2026-11", time: StoreFixture.start, actor: "maria", payload: opened),
                ])
            }
        }
        #expect(try database.eventCount() == 1)
    }

    // MARK: reopening

    @Test func reopeningTheFileShowsTheSameState() throws {
        let path = folder.path("sop.db")
        var expectedStages: [String: StageRecord] = [:]
        var expectedEvents: [CycleEvent] = []
        do {
            let database = try SOPDatabase.initialized(at: path)
            var cycle = try ScriptedCycle(database)
            try cycle.playSample()
            _ = try ScriptedCycle(database, month: "2026-12", version: StoreFixture.otherVersion)
            expectedStages = cycle.state.stages
            expectedEvents = cycle.events
        }
        let reopened = try SOPDatabase(path: path)
        #expect(try reopened.isInitialized())
        try reopened.read { tx throws in
            #expect(try tx.team() == StoreFixture.team)
            #expect(try tx.cycles().map(\.id) == ["2026-11", "2026-12"])
            #expect(try tx.events(cycle: "2026-11") == expectedEvents)
            #expect(try tx.loadCycle("2026-11")?.stages == expectedStages)
            #expect(try tx.loadCycle("2026-12")?.workflowHash == StoreFixture.otherVersion.hash)
            #expect(try tx.artifact(ContentHash.sha256(StoreFixture.history)) == StoreFixture.history)
            #expect(try tx.workflowForNextCycle() == StoreFixture.otherVersion)
        }
        // And it keeps counting where it left off.
        let next = try reopened.append(
            CycleEvent(cycle: "2026-12", time: StoreFixture.start, actor: "maria", payload: .waived(Waived(stage: "gather", reason: "x"))))
        #expect(next.seq == Int64(expectedEvents.count + 2))
    }
}
