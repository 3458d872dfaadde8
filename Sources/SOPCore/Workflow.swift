/// A workflow: the roles and gated stages one S&OP cycle runs through. Read from YAML by WorkflowFile.
public struct Workflow: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var calendar: WorkCalendar
    public var roles: [Role]
    public var stages: [Stage]

    public init(id: String, title: String, calendar: WorkCalendar = WorkCalendar(), roles: [Role], stages: [Stage]) {
        self.id = id
        self.title = title
        self.calendar = calendar
        self.roles = roles
        self.stages = stages
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
    /// The Nth workday of the cycle's month the stage is due on; nil when the workflow sets none.
    public var due: Int?
    /// Other roles whose holders may submit inputs.
    public var contributors: [String]
    public var inputs: [InputSpec]
    /// One participant holding each of these roles must sign off.
    public var signoffs: [String]
    public var escalation: [EscalationStep]

    public init(
        id: String, title: String, owner: String, after: [String] = [], due: Int? = nil,
        contributors: [String] = [], inputs: [InputSpec] = [], signoffs: [String],
        escalation: [EscalationStep] = []
    ) {
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

    public init(id: String, title: String? = nil, format: InputFormat = .any, columns: [String] = []) {
        self.id = id
        self.title = title ?? id
        self.format = format
        self.columns = columns
    }
}

/// What kind of content an input accepts.
public enum InputFormat: String, Sendable, Equatable, Codable, CaseIterable {
    case any, csv, text, link
}

/// One rung of a stage's escalation ladder: `after` workdays past due, tell these roles.
public struct EscalationStep: Sendable, Equatable, Codable {
    public var after: Int
    /// Role ids; `owner` stands for the stage's owner role.
    public var notify: [String]
    public init(after: Int, notify: [String]) {
        self.after = after
        self.notify = notify
    }
}
