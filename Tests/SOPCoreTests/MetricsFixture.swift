import Foundation
import SOPCore

/// The workflow the process-metrics tests measure: four stages, one with a relative due date.
///
///     gather (due 2) -> demand (due 5) -> supply (due: 2 workdays after demand) -> exec (due 8)
enum MetricsFixture {
    static let workflow = Workflow(
        id: "metrics-sop", title: "Metrics test S&OP", roles: Fixture.roles,
        stages: [
            Stage(id: "gather", title: "Data gathering", owner: "demand", due: 2, inputs: [InputSpec(id: "history")], signoffs: ["demand"]),
            Stage(
                id: "demand", title: "Demand review", owner: "demand", after: ["gather"], due: 5,
                inputs: [InputSpec(id: "forecast")], signoffs: ["demand", "sales"]),
            Stage(
                id: "supply", title: "Supply review", owner: "supply", after: ["demand"], due: .after(stage: "demand", workdays: 2),
                inputs: [InputSpec(id: "plan")], signoffs: ["supply"]),
            // No inputs: the meeting is in review, waiting for the sponsor, as soon as supply is done.
            Stage(id: "exec", title: "Executive meeting", owner: "leader", after: ["supply"], due: 8, signoffs: ["sponsor"]),
        ])

    /// `YYYY-MM-DD HH:MM` in UTC.
    static func time(_ text: String) throws -> Date {
        let parts = text.split(separator: " ")
        let clock = parts.count == 2 ? parts[1].split(separator: ":") : []
        guard parts.count == 2, let day = Day(String(parts[0])), clock.count == 2, let h = Int(clock[0]), let m = Int(clock[1]) else {
            throw HarnessError("bad time \(text)")
        }
        return Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + h * 3_600 + m * 60))
    }

    static func day(_ text: String) throws -> Day {
        guard let day = Day(text) else { throw HarnessError("bad day \(text)") }
        return day
    }
}

/// One month of the metrics workflow, driven through the core's `decide` at times the test names, so
/// every event is one the real rules would have produced. The follow-up register is handed from month
/// to month, the way the store keeps it across cycles.
struct MetricsMonth {
    let id: String
    private(set) var state: CycleState
    private(set) var events: [CycleEvent]
    private(set) var register: FollowUpRegister

    /// Opens `id` at 08:00 UTC on its first workday.
    init(_ id: String, register: FollowUpRegister = FollowUpRegister()) throws {
        guard let month = CycleMonth(id), let first = MetricsFixture.workflow.calendar.workday(1, of: month),
            let maria = Fixture.team.participant("maria")
        else { throw HarnessError("cannot open \(id)") }
        let payload = try CycleState.decideOpen(
            cycle: month, workflow: MetricsFixture.workflow, hash: "metrics-hash", existing: [], by: maria, team: Fixture.team)
        let opened = CycleEvent(
            seq: 1, cycle: id, time: try MetricsFixture.time("\(first) 08:00"), actor: "maria", payload: payload)
        guard let state = CycleState.fold([opened], workflow: MetricsFixture.workflow) else { throw HarnessError("fold refused \(id)") }
        self.id = id
        self.state = state
        self.register = register
        events = [opened]
    }

    /// What `metrics` reads of this month.
    var history: CycleHistory { CycleHistory(id: id, workflow: MetricsFixture.workflow, events: events) }

    /// Runs `command` as `who` at `time` (`YYYY-MM-DD HH:MM` UTC), as the shell would.
    mutating func at(_ time: String, _ who: String, _ command: CycleCommand) throws {
        guard let actor = Fixture.team.participant(who) else { throw HarnessError("no participant \(who)") }
        let when = try MetricsFixture.time(time)
        let next = NextNumbers(
            proposal: (register.proposals.keys.max() ?? 0) + 1, decision: (register.decisions.keys.max() ?? 0) + 1,
            action: (register.actions.keys.max() ?? 0) + 1)
        let context = DecisionContext(register: register, next: next, today: Day(containing: when, in: .gmt))
        for payload in try state.decide(command, by: actor, team: Fixture.team, context: context) {
            let event = CycleEvent(seq: Int64(events.count + 1), cycle: id, time: when, actor: who, payload: payload)
            state.apply(event)
            register.apply(event)
            events.append(event)
        }
    }
}
