import Foundation

extension PlanOfRecord {
    /// One cycle's plan record worked out from its own plan events (from its latest opening on) and
    /// the follow-up register: the fold, the promotions of the decisions in force, and the file that
    /// stands for each kind. The one computation behind the figures, the kept plans of record and
    /// their audit. A cancelled cycle promotes nothing.
    public struct CycleRecord: Sendable, Equatable {
        public var fold: Fold
        public var promotions: [PlanInputKey: Promotion]
        public var sources: [PlanKind: PlanSource]

        public init(cycle: String, cancelled: Bool, workflow: Workflow, events: [CycleEvent], register: FollowUpRegister) {
            var fold = Fold()
            for event in events where event.cycle == cycle { fold.apply(event) }
            let promotions = cancelled ? [:] : Scenarios.promotions(of: fold.scenarios, cycle: cycle, register: register)
            self.fold = fold
            self.promotions = promotions
            sources = PlanOfRecord.sources(workflow: workflow, fold: fold, promotions: promotions)
        }
    }

    /// The cycles whose plans of record `events` may change: the cycle of a submission, rejection or
    /// scenario (a decision may already name it); of a decision (its option may promote a scenario)
    /// and of the decision it supersedes (no longer in force); of a cancellation (a cancelled cycle
    /// promotes nothing); of an opening (a month opened again starts afresh). `register` holds the
    /// superseded decisions, as the command that recorded the events read them.
    public static func cyclesChanged(by events: [CycleEvent], register: FollowUpRegister) -> Set<String> {
        var cycles: Set<String> = []
        for event in events {
            switch event.payload {
            case .inputSubmitted, .rejected, .scenarioAdded, .cycleCancelled, .cycleOpened:
                cycles.insert(event.cycle)
            case .decisionRecorded(let decided):
                cycles.insert(event.cycle)
                if let old = decided.supersedes, let decision = register.decisions[old] { cycles.insert(decision.cycle) }
            default:
                continue
            }
        }
        return cycles
    }
}
