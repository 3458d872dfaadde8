import SOPCore
import Testing

/// A workflow with an executive meeting, for the follow-up tests (proposals, decisions, actions):
///
///     demand -> pre-sop -> executive-sop (requires: [decisions])
///
/// The `pre-sop` stage's sign-off roles (supply, finance) may raise decision requests; the workflow
/// lists `cfo` under `deciders:`, so carla decides besides the sponsor omar. eve holds no role at all.
enum ExecFixture {
    static let roles = [
        Role(id: "leader", title: "S&OP leader"),
        Role(id: "sponsor", title: "Executive sponsor"),
        Role(id: "cfo", title: "Chief financial officer"),
        Role(id: "demand", title: "Demand planner"),
        Role(id: "supply", title: "Supply planner"),
        Role(id: "finance", title: "Finance controller"),
    ]

    static let meeting = "executive-sop"

    static let workflow = Workflow(
        id: "exec-sop", title: "Executive test S&OP", roles: roles,
        stages: [
            Stage(
                id: "demand", title: "Demand review", owner: "demand", due: 5,
                inputs: [InputSpec(id: "forecast", title: "Forecast")], signoffs: ["demand"]),
            Stage(
                id: "pre-sop", title: "Pre-S&OP", owner: "supply", after: ["demand"], due: 10,
                inputs: [InputSpec(id: "reconciliation", title: "Reconciliation")], signoffs: ["supply", "finance"]),
            Stage(
                id: meeting, title: "Executive S&OP", owner: "leader", after: ["pre-sop"], due: 15,
                signoffs: ["sponsor"], requires: [.decisions]),
        ],
        deciders: ["cfo"])

    static let team = Team(participants: [
        Participant(id: "maria", name: "Maria Lopez", roles: ["leader"]),
        Participant(id: "omar", name: "Omar Haddad", roles: ["sponsor"]),
        Participant(id: "carla", name: "Carla Stein", roles: ["cfo"]),
        Participant(id: "dan", name: "Dan Brooks", roles: ["demand"]),
        Participant(id: "paul", name: "Paul Meyer", roles: ["supply"]),
        Participant(id: "fiona", name: "Fiona Walsh", roles: ["finance"]),
        Participant(id: "eve", name: "Eve Adams", roles: []),
    ])

    static func day(_ text: String) throws -> Day {
        guard let day = Day(text) else { throw HarnessError("bad day \(text)") }
        return day
    }
}

extension Cycle {
    /// A cycle of the executive workflow; `register` carries the items of earlier cycles.
    static func exec(_ month: String = "2026-11", register: FollowUpRegister = FollowUpRegister()) throws -> Cycle {
        try Cycle(month, workflow: ExecFixture.workflow, team: ExecFixture.team, register: register)
    }

    /// Completes demand and pre-sop: the executive meeting is in review, waiting for its sign-off.
    mutating func reachMeeting() throws {
        try run(.note("demand", "forecast", "flat on last month"), as: "dan")
        try run(.sign("demand"), as: "dan")
        try run(.note("pre-sop", "reconciliation", "capacity short in week 48"), as: "paul")
        try run(.sign("pre-sop"), as: "paul")
        try run(.sign("pre-sop"), as: "fiona")
    }

    /// The labels of what `register` lists for this cycle.
    var openProposalLabels: [String] { register.openProposals(of: state.id).map(\.label) }
    var openActionLabels: [String] { register.openActions(of: state.id).map(\.label) }
}
