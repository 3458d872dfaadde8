import Foundation
import SOPCore
import Testing

@testable import SOPStore

/// A hand-built two-stage workflow and a small team, so these tests do not depend on the YAML reader.
enum StoreFixture {
    static let workflowSource = """
        workflow: store-test
        title: Store test
        # (the text only matters for its hash)
        """

    static let workflow = Workflow(
        id: "store-test", title: "Store test",
        roles: [
            Role(id: "leader", title: "S&OP leader"),
            Role(id: "sponsor", title: "Executive sponsor"),
            Role(id: "demand", title: "Demand planner"),
        ],
        stages: [
            Stage(
                id: "gather", title: "Data gathering", owner: "demand", due: 2,
                inputs: [InputSpec(id: "history", title: "Sales history", format: .csv, columns: ["family", "quantity"])],
                signoffs: ["demand"]),
            Stage(
                id: "demand", title: "Demand review", owner: "demand", after: ["gather"], due: 5,
                inputs: [InputSpec(id: "assumptions", format: .text)],
                signoffs: ["demand", "leader"]),
        ])

    static let version = WorkflowVersion(source: workflowSource, sourceName: "store-test.yaml", workflow: workflow)

    /// The same workflow from a different file text: a different version.
    static let otherVersion = WorkflowVersion(
        source: workflowSource + "\n# edited\n", sourceName: "store-test-edited.yaml", workflow: workflow)

    static let team = Team(participants: [
        Participant(id: "maria", name: "Maria Lopez", roles: ["leader"], login: "maria", email: "maria@example.com"),
        Participant(id: "sam", name: "Sam Okafor", roles: ["sponsor"]),
        Participant(id: "dan", name: "Dan Kowalski", roles: ["demand"], login: "dan"),
    ])

    /// 2026-11-02 09:00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_793_610_000)

    static let history = Data("family,quantity\nwidgets,120\n".utf8)
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh folder per test, removed afterwards.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sop-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension SOPDatabase {
    /// A new file database, initialised with the fixture workflow and team.
    static func initialized(at path: String) throws -> SOPDatabase {
        let database = try SOPDatabase(path: path)
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        return database
    }

    func eventCount() throws -> Int { try read { try $0.eventCount() } }

    /// Appends one event in its own transaction; returns it with its sequence number.
    @discardableResult
    func append(_ event: CycleEvent) throws -> CycleEvent {
        let stored = try write { try $0.append([event]) }
        guard let first = stored.first else { throw FixtureError("append returned nothing") }
        return first
    }
}

/// Plays a script of commands through SOPCore's rules, storing each event the way SOPShell does and
/// keeping the directly applied state alongside for comparison.
struct ScriptedCycle {
    let database: SOPDatabase
    let id: String
    private(set) var state: CycleState
    private(set) var events: [CycleEvent]
    private(set) var clock: Date

    init(_ database: SOPDatabase, month: String = "2026-11", version: WorkflowVersion = StoreFixture.version) throws {
        guard let cycleMonth = CycleMonth(month), let maria = StoreFixture.team.participant("maria") else {
            throw FixtureError("bad fixture")
        }
        let existing = try database.read { try $0.cycles().map(\.id) }
        let payload = try CycleState.decideOpen(
            cycle: cycleMonth, workflow: version.workflow, hash: version.hash, existing: existing, by: maria, team: StoreFixture.team)
        let opened = try database.write { tx -> CycleEvent in
            try tx.storeWorkflow(version, at: StoreFixture.start)
            guard let e = try tx.append([CycleEvent(cycle: month, time: StoreFixture.start, actor: "maria", payload: payload)]).first else {
                throw FixtureError("append returned nothing")
            }
            return e
        }
        guard let state = CycleState.fold([opened], workflow: version.workflow) else { throw FixtureError("fold refused the opening") }
        self.database = database
        self.id = month
        self.state = state
        self.events = [opened]
        self.clock = StoreFixture.start
    }

    /// Decides `command` as `who`; stores the events (a quarter second apart: exact in milliseconds).
    mutating func run(_ command: CycleCommand, as who: String) throws {
        guard let actor = StoreFixture.team.participant(who) else { throw FixtureError("no participant \(who)") }
        let payloads = try state.decide(command, by: actor, team: StoreFixture.team)
        var batch: [CycleEvent] = []
        for payload in payloads {
            clock = clock.addingTimeInterval(0.25)
            batch.append(CycleEvent(cycle: id, time: clock, actor: who, payload: payload))
        }
        let stored = try database.write { tx -> [CycleEvent] in
            if case .submit(_, _, .file(_, let bytes, _)) = command { try tx.storeArtifact(bytes, at: clock) }
            return try tx.append(batch)
        }
        for event in stored {
            state.apply(event)
            events.append(event)
        }
    }

    /// Data gathering done, the demand review in review with one of two sign-offs.
    mutating func playSample() throws {
        let sha = ContentHash.sha256(StoreFixture.history)
        try run(.submit(stage: "gather", input: "history", content: .file(name: "history.csv", bytes: StoreFixture.history, sha256: sha)), as: "dan")
        try run(.signoff(stage: "gather", comment: "reconciled", role: nil), as: "dan")
        try run(.submit(stage: "demand", input: "assumptions", content: .note("promo in week 47")), as: "dan")
        try run(.signoff(stage: "demand", comment: nil, role: nil), as: "dan")
    }
}
