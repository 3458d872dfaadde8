import Foundation
import SOPCore
import Testing

/// The cycle's state is the fold of its events: replaying the log (as SOPStore does after a restart)
/// must reach the very state the commands reached one by one.
@Suite struct FoldTests {
    /// A run touching every kind of event: submissions, resubmissions, sign-offs, stale cascades,
    /// rejections, a waiver and the close.
    static let script: [(CycleCommand, String)] = [
        (.note("gather", "history", "ERP export"), "dan"),
        (.sign("gather", comment: "complete"), "dan"),
        (.file("demand", "forecast", Fixture.goodForecast), "dan"),
        (.note("demand", "assumptions", "promo in week 47"), "sally"),
        (.link("demand", "dashboard", "https://bi.example.com/f"), "kim"),
        (.sign("demand"), "dan"),
        (.reject("demand", "dashboard is last month's", input: "dashboard"), "sally"),
        (.link("demand", "dashboard", "https://bi.example.com/f2"), "kim"),
        (.sign("demand"), "kim"),
        (.sign("demand"), "kim"),
        (.file("supply", "supply-plan", Fixture.goodSupplyPlan), "paul"),
        (.sign("supply"), "paul"),
        (.note("finance", "financials", "on plan"), "fiona"),
        (.sign("finance"), "fiona"),
        (.sign("exec"), "omar"),
        (.note("demand", "assumptions", "promo moved"), "dan"),  // cascade
        (.sign("demand", role: "demand"), "dora"),
        (.sign("demand", role: "sales"), "sally"),
        (.sign("supply"), "paul"),
        (.waive("finance", "finance signed off offline"), "maria"),
        (.sign("exec"), "omar"),
        (.sign("exec"), "maria"),
        (.close, "maria"),
    ]

    struct Step {
        var stages: [String: StageRecord]
        var report: StatusReport
        var eventCount: Int
    }

    func step(_ state: CycleState) -> Step {
        Step(stages: state.stages, report: state.report(today: Cycle.today), eventCount: state.eventCount)
    }

    @Test func foldingTheLogReachesTheSameStateAsEveryStep() throws {
        var c = try Cycle()
        var steps = [step(c.state)]
        for (command, who) in Self.script {
            try c.run(command, as: who)
            steps.append(step(c.state))
        }
        #expect(c.state.isClosed)
        #expect(c.events.count == Self.script.count + 1, "each command produced one event")
        // Every prefix of the log folds to the state reached after that many events.
        for (n, expected) in steps.enumerated() {
            let folded = try #require(CycleState.fold(Array(c.events.prefix(n + 1)), workflow: c.workflow))
            #expect(folded.stages == expected.stages, "after \(n) commands")
            #expect(folded.report(today: Cycle.today) == expected.report, "after \(n) commands")
            #expect(folded.eventCount == expected.eventCount)
        }
        let whole = try #require(CycleState.fold(c.events, workflow: c.workflow))
        #expect(whole.isClosed)
        #expect(whole.closedAt == c.state.closedAt)
        #expect(whole.openedBy == "maria")
        #expect(whole.openedAt == Cycle.start)
        #expect(whole.workflowHash == "hash-of-test-sop")
        #expect(whole.id == "2026-11")
        for stage in Fixture.stageIDs {
            #expect(try whole.explain(stage, team: Fixture.team, today: Cycle.today) == c.state.explain(stage, team: Fixture.team, today: Cycle.today))
        }
    }

    @Test func payloadsRoundTripThroughJSON() throws {
        var c = try Cycle()
        for (command, who) in Self.script { try c.run(command, as: who) }
        #expect(Set(c.events.map(\.payload.type)) == Set(EventType.allCases), "the script covers every event type")
        var decoded: [CycleEvent] = []
        for event in c.events {
            let json = try event.payload.encoded()
            let type = try #require(EventType(rawValue: event.payload.type.rawValue))
            let payload = try EventPayload.decode(type: type, json: json)
            #expect(payload == event.payload)
            #expect(try payload.encoded() == json, "encoding is stable (sorted keys)")
            var copy = event
            copy.payload = payload
            decoded.append(copy)
        }
        let folded = try #require(CycleState.fold(decoded, workflow: c.workflow))
        #expect(folded.stages == c.state.stages)
        #expect(folded.report(today: Cycle.today) == c.state.report(today: Cycle.today))
    }

    @Test(arguments: [
        EventPayload.cycleOpened(CycleOpened(workflow: "w", workflowHash: "abc")),
        .inputSubmitted(InputSubmitted(stage: "s", input: "i", version: 3, content: .file(name: "a b.csv", sha256: "ff", size: 12))),
        .inputSubmitted(InputSubmitted(stage: "s", input: "i", version: 1, content: .note("multi\nline \"quoted\" ü"))),
        .inputSubmitted(InputSubmitted(stage: "s", input: "i", version: 2, content: .link("https://x.example.com/?a=1&b=2"))),
        .signedOff(SignedOff(stage: "s", role: "r", comment: nil, basis: SignoffBasis(inputs: ["i": 2, "j": 1], upstream: ["u": 3]))),
        .signedOff(SignedOff(stage: "s", role: "r", comment: "fine", basis: SignoffBasis(inputs: [:], upstream: [:]))),
        .rejected(Rejected(stage: "s", reason: "why", inputs: ["i", "j"])),
        .waived(Waived(stage: "s", reason: "because")),
        .cycleClosed(CycleClosed()),
    ])
    func eachPayloadRoundTrips(payload: EventPayload) throws {
        let json = try payload.encoded()
        #expect(try EventPayload.decode(type: payload.type, json: json) == payload)
    }

    @Test func decodingUnderTheWrongTypeFails() throws {
        let json = try EventPayload.waived(Waived(stage: "s", reason: "r")).encoded()
        #expect(throws: (any Error).self) { try EventPayload.decode(type: .signedOff, json: json) }
    }

    @Test func payloadsKnowTheirTypeAndStage() {
        let submitted = EventPayload.inputSubmitted(InputSubmitted(stage: "demand", input: "f", version: 1, content: .note("n")))
        #expect(submitted.type == .inputSubmitted)
        #expect(submitted.stage == "demand")
        #expect(EventPayload.cycleClosed(CycleClosed()).stage == nil)
        #expect(EventPayload.cycleOpened(CycleOpened(workflow: "w", workflowHash: "h")).stage == nil)
        #expect(EventPayload.waived(Waived(stage: "x", reason: "r")).stage == "x")
    }

    @Test func aLogMustStartWithTheOpening() throws {
        #expect(CycleState.fold([], workflow: Fixture.workflow()) == nil)
        let waived = CycleEvent(cycle: "2026-11", time: Cycle.start, actor: "maria", payload: .waived(Waived(stage: "gather", reason: "r")))
        #expect(CycleState.fold([waived], workflow: Fixture.workflow()) == nil)
    }

    /// Pinned words: the events table's `type` column and the rule names refusals carry.
    @Test func pinnedWords() {
        #expect(EventType.allCases.map(\.rawValue) == ["cycle-opened", "input-submitted", "signed-off", "rejected", "waived", "cycle-closed"])
        #expect(Refusal.Rule.allCases.map(\.rawValue) == [
            "unknown-stage", "unknown-input", "unknown-participant", "unknown-cycle", "permission", "gate", "stage-state",
            "already-signed", "cycle-closed", "cycle-exists", "cycle-incomplete", "input-format", "bad-argument",
        ])
        #expect(StageState.allCases.map(\.rawValue) == ["waiting", "open", "review", "done", "waived"])
        let r = Refusal(.gate, "supply is waiting for demand", fix: "finish demand first")
        #expect(r.description == "supply is waiting for demand (finish demand first)")
    }
}
