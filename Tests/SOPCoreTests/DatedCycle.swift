import Foundation
import SOPCore
import Testing

/// A cycle driven on chosen days, for the due-date and escalation tests: like `Cycle`, but every command
/// runs on a named day at midday UTC (a minute after the previous event that day), so `Day(containing:)`
/// reads the same day on any machine within UTC-11...UTC+11. It also keeps an `EscalationRegister` fed
/// from the escalation events the tests record, the way the store folds them.
struct DatedCycle {
    let team: Team
    private(set) var state: CycleState
    private(set) var register: FollowUpRegister
    private(set) var escalations: EscalationRegister
    private(set) var events: [CycleEvent]
    private(set) var lastDay: Day
    private var minute = 0

    /// 12:00 UTC on `day`, plus `minutes`.
    static func noon(_ day: Day, plus minutes: Int = 0) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + 12 * 3_600 + minutes * 60))
    }

    /// Opens `month` on `day` (midday UTC).
    init(
        _ month: String = "2026-11", workflow: Workflow = Fixture.workflow(), team: Team = Fixture.team, on day: Day,
        register: FollowUpRegister = FollowUpRegister(), escalations: EscalationRegister = EscalationRegister()
    ) throws {
        guard let cycleMonth = CycleMonth(month) else { throw HarnessError("bad cycle month \(month)") }
        guard let opener = team.participant("maria") ?? team.participants.first(where: \.isLeader) else {
            throw HarnessError("no leader to open the cycle")
        }
        let payload = try CycleState.decideOpen(
            cycle: cycleMonth, workflow: workflow, hash: "hash-of-\(workflow.id)", existing: [], by: opener, team: team)
        let opened = CycleEvent(seq: 1, cycle: month, time: DatedCycle.noon(day), actor: opener.id, payload: payload)
        guard let state = CycleState.fold([opened], workflow: workflow) else { throw HarnessError("fold refused the opening event") }
        self.team = team
        self.state = state
        self.register = register
        self.escalations = escalations
        events = [opened]
        lastDay = day
    }

    /// The next month's cycle, opened on `day`, seeing this one's follow-up items and escalations.
    func following(on day: Day) throws -> DatedCycle {
        guard let month = CycleMonth(state.id) else { throw HarnessError("bad cycle id \(state.id)") }
        return try DatedCycle(
            month.next.description, workflow: state.workflow, team: team, on: day, register: register, escalations: escalations)
    }

    var workflow: Workflow { state.workflow }

    private mutating func stamp(_ day: Day) throws -> Date {
        guard day >= lastDay else { throw HarnessError("\(day) is before the last event's day \(lastDay)") }
        if day > lastDay {
            lastDay = day
            minute = 0
        }
        minute += 1
        return DatedCycle.noon(day, plus: minute)
    }

    /// Decides `command` as `who` on `day`; appends and applies the events it produces.
    @discardableResult
    mutating func run(_ command: CycleCommand, as who: String, on day: Day) throws -> [EventPayload] {
        guard let actor = team.participant(who) else { throw HarnessError("no participant \(who)") }
        let next = NextNumbers(
            proposal: (register.proposals.keys.max() ?? 0) + 1, decision: (register.decisions.keys.max() ?? 0) + 1,
            action: (register.actions.keys.max() ?? 0) + 1)
        let payloads = try state.decide(command, by: actor, team: team, context: DecisionContext(register: register, next: next, today: day))
        for payload in payloads { try record(payload, as: who, on: day) }
        return payloads
    }

    /// Appends one event as it is, with no rules checked (escalation events, or a log shape a test needs).
    mutating func record(_ payload: EventPayload, as who: String = "system", on day: Day) throws {
        let event = CycleEvent(seq: Int64(events.count + 1), cycle: state.id, time: try stamp(day), actor: who, payload: payload)
        state.apply(event)
        register.apply(event)
        escalations.apply(event)
        events.append(event)
    }

    /// The escalation check of this cycle on `today`, with what this driver holds.
    func check(_ today: Day) -> EscalationCheck {
        EscalationCheck(cycle: state, team: team, today: today, register: register, escalations: escalations)
    }

    /// One past the highest escalation number on record.
    var nextEscalation: Int { (escalations.byNumber.keys.max() ?? 0) + 1 }

    /// Runs `escalate` on `today`: records the resolutions, then the raises; returns what was raised.
    @discardableResult
    mutating func escalate(on today: Day) throws -> [EscalationRaised] {
        for payload in check(today).resolutions() { try record(payload, on: today) }
        let raised = check(today).raises(numberingFrom: nextEscalation)
        for payload in raised { try record(payload, on: today) }
        return raised.compactMap(\.raised)
    }

    func stage(_ id: String) throws -> Stage {
        guard let stage = workflow.stage(id) else { throw HarnessError("no stage \(id)") }
        return stage
    }

    func timing(_ id: String, on today: Day) throws -> StageTiming { state.timing(of: try stage(id), today: today) }

    func status(_ id: String, on today: Day) throws -> StageStatus {
        state.status(of: try stage(id), today: today, register: register)
    }

    // MARK: Getting stages where a test needs them (the same inputs as `Cycle`)

    mutating func completeGather(on day: Day) throws {
        try run(.note("gather", "history", "exported from the ERP"), as: "dan", on: day)
        try run(.sign("gather"), as: "dan", on: day)
    }

    mutating func fillDemand(on day: Day) throws {
        try run(.file("demand", "forecast", Fixture.goodForecast), as: "dan", on: day)
        try run(.note("demand", "assumptions", "promo in week 47"), as: "dan", on: day)
        try run(.link("demand", "dashboard", "https://bi.example.com/forecast/11"), as: "sally", on: day)
    }

    mutating func completeDemand(on day: Day) throws {
        try fillDemand(on: day)
        try run(.sign("demand"), as: "dan", on: day)
        try run(.sign("demand"), as: "sally", on: day)
    }

    /// Demand goes back to review: a new forecast version makes its sign-offs stale.
    mutating func reopenDemand(on day: Day) throws {
        try run(.file("demand", "forecast", Fixture.goodForecast + "extras,2026-11,5\n"), as: "dan", on: day)
    }

    /// Signs demand again after `reopenDemand` (kim holds both of its sign-off roles, so dan and sally sign).
    mutating func resignDemand(on day: Day) throws {
        try run(.sign("demand"), as: "dan", on: day)
        try run(.sign("demand"), as: "sally", on: day)
    }

    mutating func completeSupply(on day: Day) throws {
        try run(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul", on: day)
        try run(.sign("supply"), as: "paul", on: day)
    }
}

extension EventPayload {
    /// The raise an `escalation-raised` payload carries.
    var raised: EscalationRaised? {
        if case .escalationRaised(let e) = self { return e }
        return nil
    }

    var resolved: EscalationResolved? {
        if case .escalationResolved(let e) = self { return e }
        return nil
    }
}

extension Workflow {
    /// This workflow with stage `id` changed by `change`.
    func changing(_ id: String, _ change: (inout Stage) -> Void) -> Workflow {
        var copy = self
        copy.stages = stages.map { stage in
            guard stage.id == id else { return stage }
            var changed = stage
            change(&changed)
            return changed
        }
        return copy
    }
}

/// `d("2026-11-09")`: a day the test names; a typo fails the test instead of crashing it.
func d(_ text: String) throws -> Day {
    guard let day = Day(text) else { throw HarnessError("bad day \(text)") }
    return day
}
