/// A workflow: the roles and gated stages one S&OP cycle runs through. Read from YAML by WorkflowFile.
public struct Workflow: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var calendar: WorkCalendar
    public var roles: [Role]
    public var stages: [Stage]
    /// Roles besides `sponsor` whose holders may record decisions (`deciders:`).
    public var deciders: [String]
    /// Which stages' records the agenda draws on for its special sections (`agenda:`).
    public var agenda: AgendaSources
    /// Steps for a stage waiting in review: `after` counts workdays in review (`signoff-escalation:`).
    public var signoffEscalation: [EscalationStep]
    /// Steps for an open follow-up action: `after` counts workdays past its due date (`action-escalation:`).
    public var actionEscalation: [EscalationStep]
    /// The command run once per notification (`notify:`), if any.
    public var notify: NotifyCommand?
    /// Roles besides the leader that may raise proposals (`proposers:`); nil when the file does not say.
    public var proposers: [String]?
    /// Sizes a submission may have, and how much of a note the agenda shows (`limits:`).
    public var limits: SubmissionLimits
    /// When a plan figure becomes an exception the meeting sees (`exceptions:`).
    public var exceptions: ExceptionThresholds

    public init(
        id: String, title: String, calendar: WorkCalendar = WorkCalendar(), roles: [Role], stages: [Stage],
        deciders: [String] = [], agenda: AgendaSources = AgendaSources(),
        signoffEscalation: [EscalationStep] = [], actionEscalation: [EscalationStep] = [], notify: NotifyCommand? = nil,
        proposers: [String]? = nil, limits: SubmissionLimits = SubmissionLimits(),
        exceptions: ExceptionThresholds = .defaults
    ) {
        self.exceptions = exceptions
        self.proposers = proposers
        self.limits = limits
        self.signoffEscalation = signoffEscalation
        self.actionEscalation = actionEscalation
        self.notify = notify
        self.id = id
        self.title = title
        self.calendar = calendar
        self.roles = roles
        self.stages = stages
        self.deciders = deciders
        self.agenda = agenda
    }

    /// Roles that may record decisions: the sponsor always, plus the workflow's `deciders:`.
    public var decisionRoles: [String] { ["sponsor"] + deciders.filter { $0 != "sponsor" } }

    /// Roles that may raise proposals besides the leader: the workflow's `proposers:`, else the sign-off
    /// roles of the stages the decision meeting (`requires: [decisions]`) comes directly after, the
    /// people who reconciled the plan the meeting decides on. No stage id is special.
    public var proposerRoles: [String] {
        if let proposers { return proposers }
        var roles: [String] = []
        for upstream in meetingStage?.after ?? [] {
            for role in stage(upstream)?.signoffs ?? [] where !roles.contains(role) { roles.append(role) }
        }
        return roles
    }

    /// The executive meeting: the first stage that requires decisions, if any.
    public var meetingStage: Stage? { stages.first { $0.requires.contains(.decisions) } }

    /// Stages upstream of `id`, transitively, in workflow order.
    public func upstream(of id: String) -> [Stage] {
        var found: Set<String> = []
        var frontier = stage(id)?.after ?? []
        while let next = frontier.popLast() {
            guard found.insert(next).inserted else { continue }
            frontier += stage(next)?.after ?? []
        }
        return stages.filter { found.contains($0.id) }
    }

    /// The roles every workflow must define: who runs the process and who decides.
    public static let requiredRoles = ["leader", "sponsor"]

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }

    /// The stage, or a refusal listing the stages there are.
    public func requireStage(_ id: String) throws(Refusal) -> Stage {
        guard let stage = stage(id) else {
            throw Refusal(.unknownStage, "no stage '\(id)' in workflow \(self.id)", fix: "use one of: \(stages.map(\.id).orList)")
        }
        return stage
    }
    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }

    /// Stages that name `id` in their `after:` gate, directly.
    public func stages(after id: String) -> [Stage] { stages.filter { $0.after.contains(id) } }
}

/// A named responsibility (demand planner, finance controller); participants hold roles.
public struct Role: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// One gated step of the cycle: owned by a role, opened by its `after:` gate, closed by sign-offs.
public struct Stage: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    /// The role that owns the stage and submits its inputs.
    public var owner: String
    /// Stages that must be done (or waived) before this one opens.
    public var after: [String]
    /// When the stage falls due (`due:`); nil when the workflow sets none.
    public var due: DueRule?
    /// Other roles whose holders may submit inputs.
    public var contributors: [String]
    public var inputs: [InputSpec]
    /// One participant holding each of these roles must sign off.
    public var signoffs: [String]
    public var escalation: [EscalationStep]
    /// Records the stage needs before it can be signed off (`requires: [decisions]`).
    public var requires: [StageRequirement]

    public init(
        id: String, title: String, owner: String, after: [String] = [], due: DueRule? = nil,
        contributors: [String] = [], inputs: [InputSpec] = [], signoffs: [String],
        escalation: [EscalationStep] = [], requires: [StageRequirement] = []
    ) {
        self.requires = requires
        self.id = id
        self.title = title
        self.owner = owner
        self.after = after
        self.due = due
        self.contributors = contributors
        self.inputs = inputs
        self.signoffs = signoffs
        self.escalation = escalation
    }

    public func input(_ id: String) -> InputSpec? { inputs.first { $0.id == id } }
}

/// A required input of a stage: a plan file, a note or a link.
public struct InputSpec: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var format: InputFormat
    /// For CSV inputs: header columns the file must have.
    public var columns: [String]
    /// For a CSV plan input (`plan: KIND`): what the file holds, read into values at submit.
    public var plan: PlanKind?
    /// For a plan input: the file's own header for each of the kind's columns that the workflow maps
    /// (`columns: { quantity: Units }`); a column not mapped is looked for under its own name.
    public var planHeaders: [PlanColumn: String]

    public init(
        id: String, title: String? = nil, format: InputFormat = .any, columns: [String] = [], plan: PlanKind? = nil,
        planHeaders: [PlanColumn: String] = [:]
    ) {
        self.id = id
        self.title = title ?? id
        self.format = format
        self.columns = columns
        self.plan = plan
        self.planHeaders = planHeaders
    }

    /// The header a plan file must use for a column of its kind: the mapped one, else our own name.
    public func header(for column: PlanColumn) -> String { planHeaders[column] ?? column.rawValue }
}

// Stored workflow models from before plan inputs lack `plan` and `planHeaders`: they decode to none.
extension InputSpec {
    enum CodingKeys: String, CodingKey { case id, title, format, columns, plan, planHeaders }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let headers = try c.decodeIfPresent([String: String].self, forKey: .planHeaders) ?? [:]
        var planHeaders: [PlanColumn: String] = [:]
        for (key, header) in headers {
            guard let column = PlanColumn(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .planHeaders, in: c, debugDescription: "unknown plan column '\(key)'")
            }
            planHeaders[column] = header
        }
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
            format: try c.decode(InputFormat.self, forKey: .format), columns: try c.decode([String].self, forKey: .columns),
            plan: try c.decodeIfPresent(PlanKind.self, forKey: .plan), planHeaders: planHeaders)
    }

    // A dictionary keyed by an enum encodes as an array of pairs; keyed by the raw names it stays a readable object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(format, forKey: .format)
        try c.encode(columns, forKey: .columns)
        try c.encodeIfPresent(plan, forKey: .plan)
        if !planHeaders.isEmpty {
            try c.encode(Dictionary(uniqueKeysWithValues: planHeaders.map { ($0.key.rawValue, $0.value) }), forKey: .planHeaders)
        }
    }
}

/// What kind of content an input accepts.
public enum InputFormat: String, Sendable, Equatable, Codable, CaseIterable {
    case any, csv, text, link
}

/// When a stage falls due: a fixed workday of the cycle's month, or a number of workdays after an
/// upstream stage was done (so a slipping demand review moves the supply review's date with it).
public enum DueRule: Sendable, Equatable, ExpressibleByIntegerLiteral {
    /// `due: N`: the Nth workday of the cycle's month.
    case workday(Int)
    /// `due: { after: STAGE, workdays: N }`: N workdays after STAGE was done or waived.
    case after(stage: String, workdays: Int)

    public init(integerLiteral value: Int) { self = .workday(value) }

    /// The rule in a few words, for status (`workday 9`, `+2 after demand-review`).
    public var written: String {
        switch self {
        case .workday(let n): "workday \(n)"
        case .after(let stage, let n): "+\(n) after \(stage)"
        }
    }
}

// Stored workflow models keep `due` as the bare number older databases wrote, or `{after, workdays}`.
extension DueRule: Codable {
    private enum Keys: String, CodingKey { case after, workdays }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let n = try? single.decode(Int.self) {
            self = .workday(n)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        self = .after(stage: try c.decode(String.self, forKey: .after), workdays: try c.decode(Int.self, forKey: .workdays))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .workday(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .after(let stage, let n):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(stage, forKey: .after)
            try c.encode(n, forKey: .workdays)
        }
    }
}

/// One rung of an escalation ladder: `after` workdays (past due, or in review), tell these roles.
public struct EscalationStep: Sendable, Equatable, Codable {
    public var after: Int
    /// Role ids; `owner` stands for the stage's owner role (an action's owner, for actions) and
    /// `signers` for the holders of the sign-offs a stage still lacks.
    public var notify: [String]

    /// The words `notify:` accepts besides role ids.
    public static let ownerAlias = "owner"
    public static let signersAlias = "signers"
    public init(after: Int, notify: [String]) {
        self.after = after
        self.notify = notify
    }
}

/// The workflow's `notify: { command: [ARGV...], timeout: SECONDS }`: how a notification leaves `sop`
/// (mail, sendmail, a chat webhook script).
public struct NotifyCommand: Sendable, Equatable, Codable {
    public var command: [String]
    /// Seconds before a hanging hook is killed and the delivery counted as failed.
    public var timeout: Double
    public static let defaultTimeout = 10.0
    public init(command: [String], timeout: Double = NotifyCommand.defaultTimeout) {
        self.command = command
        self.timeout = timeout
    }
}

/// Something besides inputs that a stage needs before its sign-off.
public enum StageRequirement: String, Sendable, Equatable, Codable, CaseIterable {
    /// Every proposal of the cycle is decided or deferred, and the cycle has at least one decision.
    case decisions
}

/// Stages whose records feed the agenda's sections (the workflow's `agenda:` key).
public struct AgendaSources: Sendable, Equatable, Codable {
    /// Stages whose notes and sign-off comments are the month's critical constraints (`constraints:`).
    public var constraints: [String]
    public init(constraints: [String] = []) { self.constraints = constraints }
}

// Databases store the parsed workflow as JSON; keys added after a database was made decode to
// their defaults, so cycles opened by an older `sop` keep loading.
extension Workflow {
    enum CodingKeys: String, CodingKey {
        case id, title, calendar, roles, stages, deciders, agenda, signoffEscalation, actionEscalation, notify, proposers, limits, exceptions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
            calendar: try c.decode(WorkCalendar.self, forKey: .calendar), roles: try c.decode([Role].self, forKey: .roles),
            stages: try c.decode([Stage].self, forKey: .stages),
            deciders: try c.decodeIfPresent([String].self, forKey: .deciders) ?? [],
            agenda: try c.decodeIfPresent(AgendaSources.self, forKey: .agenda) ?? AgendaSources(),
            signoffEscalation: try c.decodeIfPresent([EscalationStep].self, forKey: .signoffEscalation) ?? [],
            actionEscalation: try c.decodeIfPresent([EscalationStep].self, forKey: .actionEscalation) ?? [],
            notify: try c.decodeIfPresent(NotifyCommand.self, forKey: .notify),
            proposers: try c.decodeIfPresent([String].self, forKey: .proposers),
            limits: try c.decodeIfPresent(SubmissionLimits.self, forKey: .limits) ?? SubmissionLimits(),
            exceptions: try c.decodeIfPresent(ExceptionThresholds.self, forKey: .exceptions) ?? .defaults)
    }
}

extension Stage {
    enum CodingKeys: String, CodingKey { case id, title, owner, after, due, contributors, inputs, signoffs, escalation, requires }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
            owner: try c.decode(String.self, forKey: .owner), after: try c.decode([String].self, forKey: .after),
            due: try c.decodeIfPresent(DueRule.self, forKey: .due), contributors: try c.decode([String].self, forKey: .contributors),
            inputs: try c.decode([InputSpec].self, forKey: .inputs), signoffs: try c.decode([String].self, forKey: .signoffs),
            escalation: try c.decode([EscalationStep].self, forKey: .escalation),
            requires: try c.decodeIfPresent([StageRequirement].self, forKey: .requires) ?? [])
    }
}
