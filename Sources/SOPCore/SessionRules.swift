/// Who acts and which cycle a command acts on: the refusals a session gives before any stage rule
/// is asked, worded once here so the REPL, one-shot commands and playbooks say the same.
public enum SessionRules {
    /// How a person names who acts, which decides the advice a refusal gives: the REPL has `as`,
    /// the command line `--as` and `SOP_USER`.
    public enum Naming: Sendable, Equatable {
        case asCommand
        case commandLine

        var advice: String {
            switch self {
            case .asCommand: "type `as PARTICIPANT`"
            case .commandLine: "pass --as PARTICIPANT or set SOP_USER"
            }
        }
    }

    /// Nobody was named and no participant's login matches the account.
    public static func nobodyActing(team: Team, naming: Naming) -> Refusal {
        Refusal(
            .unknownParticipant, "nobody is acting: no --as, no SOP_USER, and no participant's login matches this account",
            fix: "\(naming.advice); the team is \(team.participants.map(\.id).orList)")
    }

    /// The participant `id`, or the refusal that lists the team.
    public static func participant(_ id: String, in team: Team) throws(Refusal) -> Participant {
        guard let participant = team.participant(id) else {
            throw Refusal(.unknownParticipant, "'\(id)' is not on the team", fix: "use one of: \(team.participants.map(\.id).orList)")
        }
        return participant
    }

    /// `--cycle`/`cycle use` named a month with no cycle.
    public static func unknownCycle(_ id: String, existing: [String]) -> Refusal {
        Refusal(
            .unknownCycle, "there is no cycle \(id)",
            fix: existing.isEmpty ? "open one with `cycle open \(id)`" : "use one of: \(existing.orList), or `cycle open \(id)`")
    }

    /// No cycle to act on at all.
    public static let noCycleYet = Refusal(.unknownCycle, "no cycle has been opened yet", fix: "the leader opens one with `cycle open`")
}
