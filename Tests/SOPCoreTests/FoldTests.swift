import Foundation
import SOPCore
import Testing

/// The cycle's state is the fold of its events: replaying the log (as SOPStore does after a restart)
/// must reach the very state the commands reached one by one.
@Suite struct FoldTests {
    static let due = Day(year: 2026, month: 11, day: 20)

    /// A run touching every kind of event: submissions, resubmissions, sign-offs, stale cascades,
    /// rejections, a waiver, the follow-up items (raised, decided, superseded, deferred; actions added,
    /// reassigned, done, cancelled, one left open) and the close.
    static let script: [(CycleCommand, String)] = [
        (.note("gather", "history", "ERP export"), "dan"),
        (.propose("Add a second shift", options: ["Overtime", "Outsource"]), "maria"),  // P-1
        (.sign("gather", comment: "complete"), "dan"),
        (.propose("Raise prices in Q1"), "maria"),  // P-2
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
        (.decide(1, "Run overtime in December", rationale: "cheaper than outsourcing", option: "overtime"), "omar"),  // D-1
        (.action("Confirm overtime with the union", owner: "paul", due: due, decision: 1, stage: "supply"), "maria"),  // A-1
        (.note("demand", "assumptions", "promo moved"), "dan"),  // cascade
        (.reassignAction(1, owner: "dan"), "paul"),
        (.postpone(2, to: "2026-12", reason: "wait for the competitor's list"), "omar"),
        (.sign("demand", role: "demand"), "dora"),
        (.sign("demand", role: "sales"), "sally"),
        (.sign("supply"), "paul"),
        (.waive("finance", "finance signed off offline"), "maria"),
        (.sign("exec"), "omar"),
        (.sign("exec"), "maria"),
        (.completeAction(1, note: "agreed for weeks 49-51"), "dan"),
        (.action("Draft the price letter", owner: "fiona", due: due), "sally"),  // A-2
        (.cancelAction(2, reason: "prices deferred"), "maria"),
        (.decide(nil, "Outsource instead", rationale: "the union said no", option: "Outsource", supersedes: 1), "omar"),  // D-2
        (.action("Book the outsourcer", owner: "paul", due: due, decision: 2), "kim"),  // A-3, left open
        (.close, "maria"),
    ]

    struct Step {
        var stages: [String: StageRecord]
        var report: StatusReport
        var eventCount: Int
        var register: FollowUpRegister
    }

    func step(_ state: CycleState, _ register: FollowUpRegister) -> Step {
        Step(
            stages: state.stages, report: state.report(today: Cycle.today, register: register), eventCount: state.eventCount,
            register: register)
    }

    /// What the store does on load: the follow-up register is the fold of the follow-up events.
    func register(of events: [CycleEvent]) -> FollowUpRegister {
        var register = FollowUpRegister()
        for event in events { register.apply(event) }
        return register
    }

    @Test func foldingTheLogReachesTheSameStateAsEveryStep() throws {
        var c = try Cycle()
        var steps = [step(c.state, c.register)]
        for (command, who) in Self.script {
            try c.run(command, as: who)
            steps.append(step(c.state, c.register))
        }
        #expect(c.state.isClosed)
        #expect(c.events.count == Self.script.count + 1, "each command produced one event")
        // Every prefix of the log folds to the state reached after that many events.
        for (n, expected) in steps.enumerated() {
            let folded = try #require(CycleState.fold(Array(c.events.prefix(n + 1)), workflow: c.workflow))
            let register = register(of: Array(c.events.prefix(n + 1)))
            #expect(folded.stages == expected.stages, "after \(n) commands")
            #expect(register == expected.register, "after \(n) commands")
            #expect(folded.report(today: Cycle.today, register: register) == expected.report, "after \(n) commands")
            #expect(folded.eventCount == expected.eventCount)
        }
        let whole = try #require(CycleState.fold(c.events, workflow: c.workflow))
        #expect(whole.isClosed)
        #expect(whole.closedAt == c.state.closedAt)
        #expect(whole.openedBy == "maria")
        #expect(whole.openedAt == Cycle.start)
        #expect(whole.workflowHash == "hash-of-test-sop")
        #expect(whole.id == "2026-11")
        #expect(c.register.proposals.count == 2 && c.register.decisions.count == 2 && c.register.actions.count == 3)
        #expect(c.register.openActions(of: "2026-11").map(\.label) == ["A-3"], "an open action does not hold up the close")
        for stage in Fixture.stageIDs {
            #expect(try whole.explain(stage, team: Fixture.team, today: Cycle.today) == c.state.explain(stage, team: Fixture.team, today: Cycle.today))
        }
    }

    @Test func payloadsRoundTripThroughJSON() throws {
        var c = try Cycle()
        for (command, who) in Self.script { try c.run(command, as: who) }
        // Escalation events come from the ladders, not from commands; EscalationRuleTests round-trips them.
        // A cancelled cycle takes nothing more, so the script (which closes the cycle) cannot cancel it;
        // CycleCancelTests covers `cycle-cancelled`, and the round trip below is checked for it by hand.
        // The fixture workflow has no plan inputs, so `scenario-added` is round-tripped by hand too
        // (ScenarioCommandTests makes one through the binary).
        let fromCommands = Set(EventType.allCases).subtracting([.escalationRaised, .escalationResolved, .cycleCancelled, .scenarioAdded])
        #expect(Set(c.events.map(\.payload.type)) == fromCommands, "the script covers every event type a command makes")
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
        #expect(register(of: decoded) == c.register)
        #expect(folded.report(today: Cycle.today, register: c.register) == c.state.report(today: Cycle.today, register: c.register))
        let cancelled = EventPayload.cycleCancelled(CycleCancelled(reason: "typo"))
        #expect(try EventPayload.decode(type: .cycleCancelled, json: cancelled.encoded()) == cancelled)
        #expect(String(decoding: try cancelled.encoded(), as: UTF8.self) == #"{"reason":"typo"}"#)
        let scenario = EventPayload.scenarioAdded(ScenarioAdded(
            name: "overtime", stage: "supply", input: "plan", content: .file(name: "o.csv", sha256: "ab", size: 3)))
        #expect(try EventPayload.decode(type: .scenarioAdded, json: scenario.encoded()) == scenario)
        #expect(scenario.stage == "supply")
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
        .proposalRaised(ProposalRaised(number: 3, text: "Add a shift?", stage: "s", options: ["A", "B c"])),
        .proposalRaised(ProposalRaised(number: 1, text: "t", stage: nil, options: [])),
        .decisionRecorded(DecisionRecorded(number: 2, text: "t", rationale: "r", option: "A", proposal: 3, supersedes: 1)),
        .decisionRecorded(DecisionRecorded(number: 1, text: "t", rationale: "r", option: nil, proposal: nil, supersedes: nil)),
        .proposalDeferred(ProposalDeferred(number: 3, to: "2027-01", reason: "later")),
        .actionAdded(ActionAdded(number: 4, title: "t", owner: "p", due: Day(year: 2026, month: 2, day: 28), decision: 2, stage: "s")),
        .actionAdded(ActionAdded(number: 5, title: "t", owner: "p", due: Day(year: 2026, month: 12, day: 1), decision: nil, stage: nil)),
        .actionDone(ActionDone(number: 4, note: "ok")),
        .actionDone(ActionDone(number: 4, note: nil)),
        .actionCancelled(ActionCancelled(number: 5, reason: "moot")),
        .actionReassigned(ActionReassigned(number: 5, from: "p", to: "q")),
    ])
    func eachPayloadRoundTrips(payload: EventPayload) throws {
        let json = try payload.encoded()
        #expect(try EventPayload.decode(type: payload.type, json: json) == payload)
    }

    /// Due dates are stored as `YYYY-MM-DD`, the way the README shows the events table.
    @Test func anActionsDueDateIsStoredAsADay() throws {
        let added = EventPayload.actionAdded(ActionAdded(
            number: 1, title: "t", owner: "p", due: Day(year: 2026, month: 11, day: 20), decision: nil, stage: nil))
        let json = String(decoding: try added.encoded(), as: UTF8.self)
        #expect(json.contains("\"due\":\"2026-11-20\""), "\(json)")
    }

    @Test func followUpPayloadsKnowTheirStage() {
        #expect(EventPayload.proposalRaised(ProposalRaised(number: 1, text: "t", stage: "demand", options: [])).stage == "demand")
        #expect(EventPayload.proposalRaised(ProposalRaised(number: 1, text: "t", stage: nil, options: [])).stage == nil)
        #expect(EventPayload.actionAdded(ActionAdded(
            number: 1, title: "t", owner: "p", due: Cycle.today, decision: nil, stage: "supply")).stage == "supply")
        #expect(EventPayload.actionDone(ActionDone(number: 1, note: nil)).stage == nil)
        #expect(EventPayload.proposalDeferred(ProposalDeferred(number: 1, to: "2026-12", reason: "r")).type == .proposalDeferred)
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
        #expect(EventType.allCases.map(\.rawValue) == [
            "cycle-opened", "input-submitted", "signed-off", "rejected", "waived", "cycle-closed", "proposal-raised",
            "decision-recorded", "proposal-deferred", "action-added", "action-done", "action-cancelled", "action-reassigned",
            "escalation-raised", "escalation-resolved", "cycle-cancelled", "scenario-added",
        ])
        #expect(Refusal.Rule.allCases.map(\.rawValue) == [
            "unknown-stage", "unknown-input", "unknown-participant", "unknown-cycle", "permission", "gate", "stage-state",
            "already-signed", "cycle-closed", "cycle-exists", "cycle-incomplete", "cycle-cancelled", "cycle-has-work", "far-off-cycle", "input-format", "bad-argument",
            "unknown-item", "item-state", "decisions-pending", "clock", "limit", "identity", "unknown-version",
            "plan-value", "no-plan",
        ])
        #expect(StageState.allCases.map(\.rawValue) == ["waiting", "open", "review", "done", "waived"])
        let r = Refusal(.gate, "supply is waiting for demand", fix: "finish demand first")
        #expect(r.description == "supply is waiting for demand (finish demand first)")
    }
}
