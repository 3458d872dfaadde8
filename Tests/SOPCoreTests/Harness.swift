import Foundation
import SOPCore
import SOPText
import Testing

/// A hand-built workflow and team, so the state-machine tests do not depend on the YAML reader.
///
///     gather -> demand -> supply -> finance
///                  \_________\________\_____> exec (fan-in: after demand, supply and finance)
enum Fixture {
    static let roles = [
        Role(id: "leader", title: "S&OP leader"),
        Role(id: "sponsor", title: "Executive sponsor"),
        Role(id: "demand", title: "Demand planner"),
        Role(id: "sales", title: "Sales lead"),
        Role(id: "supply", title: "Supply planner"),
        Role(id: "finance", title: "Finance controller"),
    ]

    static let forecastColumns = ["family", "month", "quantity"]

    static func workflow(calendar: WorkCalendar = WorkCalendar()) -> Workflow {
        Workflow(
            id: "test-sop", title: "Test S&OP", calendar: calendar, roles: roles,
            stages: [
                Stage(
                    id: "gather", title: "Data gathering", owner: "demand", due: 3,
                    inputs: [InputSpec(id: "history", title: "Sales history")],
                    signoffs: ["demand"]),
                Stage(
                    id: "demand", title: "Demand review", owner: "demand", after: ["gather"], due: 8,
                    contributors: ["sales"],
                    inputs: [
                        InputSpec(id: "forecast", title: "Unconstrained forecast", format: .csv, columns: forecastColumns),
                        InputSpec(id: "assumptions", title: "Demand assumptions", format: .text),
                        InputSpec(id: "dashboard", title: "Forecast dashboard", format: .link),
                    ],
                    signoffs: ["demand", "sales"]),
                Stage(
                    id: "supply", title: "Supply review", owner: "supply", after: ["demand"], due: 10,
                    inputs: [InputSpec(id: "supply-plan", title: "Supply plan", format: .csv, columns: ["family", "capacity"])],
                    signoffs: ["supply"]),
                Stage(
                    id: "finance", title: "Financial review", owner: "finance", after: ["supply"], due: 12,
                    inputs: [InputSpec(id: "financials", title: "Financial plan", format: .text)],
                    signoffs: ["finance"]),
                Stage(
                    id: "exec", title: "Executive review", owner: "leader", after: ["demand", "supply", "finance"], due: 15,
                    signoffs: ["leader", "sponsor"]),
            ])
    }

    static let stageIDs = ["gather", "demand", "supply", "finance", "exec"]

    /// Two holders of `demand` (dan, dora); kim holds both of demand's sign-off roles; omar is the sponsor.
    static let team = Team(participants: [
        Participant(id: "maria", name: "Maria Lopez", roles: ["leader"], login: "maria"),
        Participant(id: "omar", name: "Omar Haddad", roles: ["sponsor"]),
        Participant(id: "dan", name: "Dan Brooks", roles: ["demand"]),
        Participant(id: "dora", name: "Dora Kim", roles: ["demand"]),
        Participant(id: "sally", name: "Sally Chen", roles: ["sales"]),
        Participant(id: "kim", name: "Kim Ortega", roles: ["demand", "sales"]),
        Participant(id: "paul", name: "Paul Meyer", roles: ["supply"]),
        Participant(id: "fiona", name: "Fiona Walsh", roles: ["finance"]),
    ])

    static let goodForecast = "family,month,quantity\nwidgets,2026-11,120\ngadgets,2026-11,80\n"
    /// The forecast changed after review: a resubmission of it is a new version.
    static let revisedForecast = "family,month,quantity\nwidgets,2026-11,135\ngadgets,2026-11,80\n"
    static let revisedSupplyPlan = "family,capacity\nwidgets,140\n"
    static let goodSupplyPlan = "family,capacity\nwidgets,150\n"
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// Short spellings of the commands, so tests read like the REPL.
extension CycleCommand {
    static func file(_ stage: String, _ input: String, _ text: String, name: String = "plan.csv") -> CycleCommand {
        fileBytes(stage, input, Data(text.utf8), name: name)
    }

    static func fileBytes(_ stage: String, _ input: String, _ bytes: Data, name: String = "plan.csv") -> CycleCommand {
        .submit(stage: stage, input: input, content: .file(name: name, bytes: bytes, sha256: fakeDigest(bytes)))
    }

    /// Stands in for the SHA-256 the shell computes (SOPCore never hashes): FNV-1a, so the same bytes
    /// give the same digest and different bytes (almost always) a different one.
    static func fakeDigest(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "fnv-\(String(hash, radix: 16))"
    }

    static func note(_ stage: String, _ input: String, _ text: String) -> CycleCommand {
        .submit(stage: stage, input: input, content: .note(text))
    }

    static func link(_ stage: String, _ input: String, _ url: String) -> CycleCommand {
        .submit(stage: stage, input: input, content: .link(url))
    }

    static func sign(_ stage: String, role: String? = nil, comment: String? = nil) -> CycleCommand {
        .signoff(stage: stage, comment: comment, role: role)
    }

    static func reject(_ stage: String, _ reason: String, input: String? = nil) -> CycleCommand {
        .reject(stage: stage, reason: reason, input: input)
    }

    static func waive(_ stage: String, _ reason: String) -> CycleCommand {
        .waive(stage: stage, reason: reason)
    }

    /// `propose TEXT [--stage S] [--options "A|B"]` (options already split at `|`).
    static func propose(_ text: String, stage: String? = nil, options: [String] = []) -> CycleCommand {
        .propose(text: text, stage: stage, options: options)
    }

    /// `decide [P-N] TEXT --rationale TEXT [--option A] [--supersedes D-N]`.
    static func decide(
        _ proposal: Int? = nil, _ text: String, rationale: String = "it is the best option", option: String? = nil,
        supersedes: Int? = nil
    ) -> CycleCommand {
        .decide(proposal: proposal, text: text, rationale: rationale, option: option, supersedes: supersedes)
    }

    /// `defer P-N --to YYYY-MM --reason TEXT`.
    static func postpone(_ proposal: Int, to month: String, reason: String = "waiting for the price list") -> CycleCommand {
        .deferProposal(proposal, to: month, reason: reason)
    }

    /// `action add TITLE --owner P --due YYYY-MM-DD [--decision D-N] [--stage S]`.
    static func action(_ title: String, owner: String, due: Day, decision: Int? = nil, stage: String? = nil) -> CycleCommand {
        .addAction(title: title, owner: owner, due: due, decision: decision, stage: stage)
    }
}

/// What a refused command must leave untouched.
struct Snapshot: Equatable {
    var eventCount: Int
    var logged: Int
    var stages: [String: StageRecord]
    var states: [StageState]
    var report: StatusReport
    var register: FollowUpRegister
}

/// One cycle under test: holds the state, decides commands as a named participant, and applies what
/// they produce with increasing times, the way SOPShell + SOPStore do: stage events fold into the
/// cycle's state, follow-up events into the register (which outlives the cycle, see `following()`).
struct Cycle {
    let team: Team
    private(set) var state: CycleState
    private(set) var events: [CycleEvent]
    private(set) var clock: Date
    /// The follow-up items this cycle sees: its own and those carried over from earlier cycles.
    private(set) var register: FollowUpRegister
    /// The date commands are decided on (an action's due date may not be before it).
    var today: Day

    /// 2026-11-02 09:00 UTC, the first workday of the default cycle month.
    static let start = Cycle.start(of: CycleMonth(year: 2026, month: 11))

    static let today = Day(year: 2026, month: 11, day: 2)

    /// 09:00 UTC on the first Monday-to-Friday workday of `month`.
    static func start(of month: CycleMonth) -> Date {
        let day = firstWorkday(of: month)
        return Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + 9 * 3_600))
    }

    static func firstWorkday(of month: CycleMonth) -> Day {
        WorkCalendar().workday(1, of: month) ?? Day(year: month.year, month: month.month, day: 1)
    }

    /// Opens `month`; `register` holds the follow-up items of earlier cycles (carry-over).
    init(
        _ month: String = "2026-11", workflow: Workflow = Fixture.workflow(), team: Team = Fixture.team, openedBy: String = "maria",
        register: FollowUpRegister = FollowUpRegister()
    ) throws {
        guard let cycleMonth = CycleMonth(month) else { throw HarnessError("bad cycle month \(month)") }
        guard let opener = team.participant(openedBy) else { throw HarnessError("no participant \(openedBy)") }
        let payload = try CycleState.decideOpen(
            cycle: cycleMonth, workflow: workflow, hash: "hash-of-\(workflow.id)", existing: [], by: opener, team: team)
        let start = Cycle.start(of: cycleMonth)
        let opened = CycleEvent(seq: 1, cycle: month, time: start, actor: openedBy, payload: payload)
        guard let state = CycleState.fold([opened], workflow: workflow) else { throw HarnessError("fold refused the opening event") }
        self.team = team
        self.state = state
        self.register = register
        events = [opened]
        clock = start
        today = Cycle.firstWorkday(of: cycleMonth)
    }

    /// The next month's cycle, opened with the same workflow and team, seeing this one's follow-up items.
    func following(openedBy: String = "maria") throws -> Cycle {
        guard let month = CycleMonth(state.id) else { throw HarnessError("bad cycle id \(state.id)") }
        return try Cycle(month.next.description, workflow: workflow, team: team, openedBy: openedBy, register: register)
    }

    var workflow: Workflow { state.workflow }

    func participant(_ id: String) throws -> Participant {
        guard let p = team.participant(id) else { throw HarnessError("no participant \(id) in the test team") }
        return p
    }

    /// The numbers the store would hand out next: one past the highest of each kind it holds.
    var next: NextNumbers {
        NextNumbers(
            proposal: (register.proposals.keys.max() ?? 0) + 1, decision: (register.decisions.keys.max() ?? 0) + 1,
            action: (register.actions.keys.max() ?? 0) + 1)
    }

    var context: DecisionContext { DecisionContext(register: register, next: next, today: today) }

    /// Decides `command` as `who`; on success appends and applies the events (10 minutes apart).
    @discardableResult
    mutating func run(_ command: CycleCommand, as who: String) throws -> [EventPayload] {
        let actor = try participant(who)
        let payloads = try state.decide(command, by: actor, team: team, context: context)
        for payload in payloads {
            clock = clock.addingTimeInterval(600)
            let event = CycleEvent(seq: Int64(events.count + 1), cycle: state.id, time: clock, actor: who, payload: payload)
            state.apply(event)
            register.apply(event)
            events.append(event)
        }
        return payloads
    }

    /// Runs a command that must be refused; returns the refusal and checks that nothing changed.
    mutating func refusal(_ command: CycleCommand, as who: String, sourceLocation: SourceLocation = #_sourceLocation) -> Refusal? {
        let before = snapshot
        do {
            let produced = try run(command, as: who)
            Issue.record("expected \(command) by \(who) to be refused; it produced \(produced)", sourceLocation: sourceLocation)
            return nil
        } catch let refusal as Refusal {
            #expect(snapshot == before, "a refused command changed the cycle", sourceLocation: sourceLocation)
            #expect(!refusal.message.isEmpty && !refusal.fix.isEmpty, "a refusal says what is wrong and how to fix it", sourceLocation: sourceLocation)
            return refusal
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
            return nil
        }
    }

    var snapshot: Snapshot {
        Snapshot(
            eventCount: state.eventCount, logged: events.count, stages: state.stages,
            states: workflow.stages.map { state.state(of: $0.id) }, report: state.report(today: today, register: register),
            register: register)
    }

    func state(_ stage: String) -> StageState { state.state(of: stage) }

    func status(_ stage: String, today: Day = Cycle.today) throws -> StageStatus {
        guard let s = workflow.stage(stage) else { throw HarnessError("no stage \(stage)") }
        return state.status(of: s, today: today, register: register)
    }

    /// `status` as of `today`, with the follow-up counts.
    var report: StatusReport { state.report(today: today, register: register) }

    func why(_ stage: String, today: Day = Cycle.today) throws -> String {
        ExplanationText.lines(try state.explain(stage, team: team, today: today)).joined(separator: "\n")
    }

    // MARK: Getting stages where a test needs them

    mutating func completeGather() throws {
        try run(.note("gather", "history", "exported from the ERP"), as: "dan")
        try run(.sign("gather"), as: "dan")
    }

    /// Submits every demand input (the stage goes to review).
    mutating func fillDemand() throws {
        try run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        try run(.note("demand", "assumptions", "promo in week 47"), as: "dan")
        try run(.link("demand", "dashboard", "https://bi.example.com/forecast/11"), as: "sally")
    }

    mutating func completeDemand() throws {
        try fillDemand()
        try run(.sign("demand"), as: "dan")
        try run(.sign("demand"), as: "sally")
    }

    mutating func completeSupply() throws {
        try run(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul")
        try run(.sign("supply"), as: "paul")
    }

    mutating func completeFinance() throws {
        try run(.note("finance", "financials", "revenue on plan"), as: "fiona")
        try run(.sign("finance"), as: "fiona")
    }

    mutating func completeExec() throws {
        try run(.sign("exec"), as: "maria")
        try run(.sign("exec"), as: "omar")
    }

    /// Every stage done.
    mutating func completeAll() throws {
        try completeGather()
        try completeDemand()
        try completeSupply()
        try completeFinance()
        try completeExec()
    }
}
