import SOPCore

/// The sentences of `why STAGE` (and of a notification's body), worded from SOPCore's facts.
public enum ExplanationText {
    public static func lines(_ e: StageExplanation) -> [String] {
        ["\(e.stage) (\(e.title)) is \(e.state.rawValue)."] + e.facts.map(sentence)
    }

    /// A noun phrase either way, so every sentence that names who acts reads right.
    static func who(_ h: StageExplanation.RoleHolders) -> String {
        let people = h.people.map { "\($0.name) (\($0.id))" }
        return people.isEmpty ? "the \(h.role) role (nobody holds it: give it to someone in the team file)" : "\(h.role): \(people.orList)"
    }

    static func sentence(_ fact: StageExplanation.Fact) -> String {
        func verdict(_ late: Int) -> String { late > 0 ? ", \(Plural.workdays(late)) late" : ", on time" }
        switch fact {
        case .doneAgain(let due, let first, let late, let done):
            return "It was due \(due) and was first done \(first)\(verdict(late)); it was done again \(done)."
        case .done(let due, let done, let late):
            return "It was due \(due) and was done \(done)\(verdict(late))."
        case .reopenedLate(let due, let reopened, let late, let from):
            return "It was due \(due), was done, and reopened \(reopened); it is \(Plural.workdays(late)) late, counted from \(from)."
        case .reopenedBeforeDue(let due, let reopened):
            return "It is due \(due); it was done, and reopened \(reopened)."
        case .reopenedDueAgainNow(let due, let reopened):
            return "It was due \(due), was done, and reopened \(reopened): it is due again now."
        case .late(let due, let workdays):
            return "It was due \(due) and is \(Plural.workdays(workdays)) late."
        case .due(let due):
            return "It is due \(due)."
        case .fallsDueAfter(let anchor, let n, let anchorState):
            return "It falls due \(Plural.workdays(n)) after \(anchor) is done; \(anchor) is \(anchorState.rawValue)."
        case .cycleClosed(let cycle):
            return "Cycle \(cycle) is closed; nothing more can change."
        case .waived(let by, let at, let reason):
            return "\(by) waived it at \(Stamp.minute(at)): \(reason)."
        case .signedOff(let signoffs):
            return "Signed off as \(signoffs.map { "\($0.role) by \($0.by)" }.andList); downstream stages may proceed."
        case .waitsFor(let up, let upState, let owner):
            return "It waits for \(up), which is \(upState.rawValue); \(who(owner)) owns it."
        case .upstreamNotDone(let ups):
            let one = ups.count == 1
            return "Upstream \(ups.andList) \(one ? "is" : "are") no longer done, so it cannot be signed off until \(one ? "it is" : "they are") done again."
        case .reopened(let because):
            return "It was done before and reopened because \(ReasonText.cause(because))."
        case .inputRejected(let input, let by, let at, let reason):
            return "Input \(input) was rejected by \(by) at \(Stamp.minute(at)) (\(reason)) and must be resubmitted."
        case .inputMissing(let input):
            return "Input \(input) has not been submitted."
        case .submitters(let holders):
            return "To submit: \(holders.map(who).joined(separator: "; ")), or the leader."
        case .staleSignoff(let role, let by, let reason):
            return "The \(role) sign-off by \(by) is stale: \(ReasonText.stale(reason))."
        case .decisionsNeeded(let unmet, let deciders):
            let what = unmet.map(ReasonText.unmet).joined(separator: "; ")
            return "Before its sign-off it needs every proposal decided or deferred and a decision recorded: \(what). Decides: \(deciders.map(who).joined(separator: "; "))."
        case .signoffNeeded(let holders):
            return "Needs a sign-off from \(who(holders))."
        case .signoffNeededOnceInputsIn(let roles):
            return "Once the inputs are in it needs sign-off from \(roles.andList)."
        }
    }
}
