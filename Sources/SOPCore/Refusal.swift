/// Why a command was refused: which rule, what is wrong, and what would make it pass.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var rule: Rule
    /// What is wrong, in the user's words.
    public var message: String
    /// How to make it pass.
    public var fix: String
    /// Participants the person could act as to make it pass: `fitted(to:)` adds the words for that to
    /// the fix, since they differ between the REPL (`as`) and the command line (`--as`, `SOP_USER`).
    public var actAs: [String]

    public init(_ rule: Rule, _ message: String, fix: String, actAs: [String] = []) {
        self.rule = rule
        self.message = message
        self.fix = fix
        self.actAs = actAs
    }

    /// `<what is wrong> (<how to fix it>)`, as the `error:` line shows it.
    public var description: String { "\(message) (\(fix))" }

    /// The rules of the cycle that can refuse a command; tests and playbooks name them.
    public enum Rule: String, Sendable, CaseIterable {
        case unknownStage = "unknown-stage"
        case unknownInput = "unknown-input"
        case unknownParticipant = "unknown-participant"
        case unknownCycle = "unknown-cycle"
        case permission
        case gate
        case stageState = "stage-state"
        case alreadySigned = "already-signed"
        case cycleClosed = "cycle-closed"
        case cycleExists = "cycle-exists"
        case cycleIncomplete = "cycle-incomplete"
        /// The cycle was cancelled: it takes no more changes.
        case cycleCancelled = "cycle-cancelled"
        /// `cycle cancel` of a cycle in which work was recorded.
        case cycleHasWork = "cycle-has-work"
        /// `cycle open` of a month far from the clock's, without `--force`.
        case farOffCycle = "far-off-cycle"
        case inputFormat = "input-format"
        case badArgument = "bad-argument"
        case unknownItem = "unknown-item"
        case itemState = "item-state"
        case decisionsPending = "decisions-pending"
        case clock
        /// A submission larger than the workflow's `limits:` allow.
        case limit
        /// Under `identity: os`: naming a participant other than the operating-system account's own,
        /// or acting from an account no participant has as `login`.
        case identity
        /// `show --version N` of a version the input does not have, or of an input never submitted.
        case unknownVersion = "unknown-version"
        /// A value in a plan file (`plan: KIND`) that cannot be planned with: not a month, not a
        /// number, a negative quantity, an empty family, a row given twice.
        case planValue = "plan-value"
        /// A plan figure (balance, plan diff, scenario compare) of a cycle that lacks the plan it needs.
        case noPlan = "no-plan"
    }
}

extension Array where Element == String {
    /// `a, b, or c`: lists of valid choices in messages.
    public var orList: String {
        switch count {
        case 0: return "(none)"
        case 1: return self[0]
        case 2: return "\(self[0]) or \(self[1])"
        default: return dropLast().joined(separator: ", ") + ", or " + (last ?? "")
        }
    }

    public var andList: String {
        switch count {
        case 0: return "(none)"
        case 1: return self[0]
        case 2: return "\(self[0]) and \(self[1])"
        default: return dropLast().joined(separator: ", ") + " and " + (last ?? "")
        }
    }
}
