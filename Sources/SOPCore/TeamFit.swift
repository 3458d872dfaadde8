/// Whether a team can run a workflow: the rule `init`, `cycle open` and `workflow check` apply to a
/// workflow and team together. A team without a leader can never open or close a cycle, and one without
/// a sponsor can never decide; a role nobody holds leaves the stages that need it unsignable.
public enum TeamFit {
    /// The required roles (`leader`, `sponsor`) nobody on the team holds.
    public static func missingRequiredRoles(in team: Team) -> [String] {
        Workflow.requiredRoles.filter { team.holders(of: $0).isEmpty }
    }

    /// Roles of the workflow nobody on the team holds: worth a warning, not a refusal (a role may be
    /// filled later, and a stage that needs it can be waived).
    public static func unheldRoles(of workflow: Workflow, by team: Team) -> [String] {
        workflow.roles.map(\.id).filter { team.holders(of: $0).isEmpty }
    }

    /// What each required role is for, for the message that says it is missing.
    public static func purpose(of role: String) -> String {
        switch role {
        case "leader": "the leader opens and closes cycles"
        case "sponsor": "the sponsor decides and signs off the executive meeting"
        default: "every workflow requires it"
        }
    }
}
