import SOPCore
import SOPStore

/// What Tab may complete from the record: stage, participant, cycle and role ids, and the follow-up
/// items the current cycle sees. Refreshed by the REPL before each prompt.
public struct Vocabulary: Sendable {
    public var stages: [Stage] = []
    public var participants: [String] = []
    public var cycles: [String] = []
    public var roles: [String] = []
    /// Open proposals, decisions in force and open actions the current cycle sees.
    public var proposals: [String] = []
    public var decisions: [String] = []
    public var actions: [String] = []
    /// Each proposal's options, by label, for `decide P-N ... --option `.
    public var proposalOptions: [String: [String]] = [:]
    public init() {}

    /// Reads the vocabulary for the session's current cycle; empty parts when there is none.
    public static func read(_ session: Session) -> Vocabulary {
        var v = Vocabulary()
        _ = try? session.database.read { tx in
            v.participants = try tx.team().participants.map(\.id)
            v.cycles = try tx.cycles().map(\.id)
            if let state = try? session.loadCycle(tx) {
                v.stages = state.workflow.stages
                v.roles = state.workflow.roles.map(\.id)
                let register = try tx.followUps(visibleIn: state.id)
                v.proposals = register.openProposals(of: state.id).map(\.label)
                // Every proposal the cycle sees, decided ones too: a superseding decision answers one again.
                for proposal in register.proposals.values { v.proposalOptions[proposal.label] = proposal.options }
                v.decisions = register.decisions.values.filter(\.isInForce).sorted { $0.number < $1.number }.map(\.label)
                v.actions = register.openActions(of: state.id).map(\.label)
            }
        }
        return v
    }
}
