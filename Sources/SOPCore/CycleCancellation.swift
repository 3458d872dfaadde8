import Foundation

/// The leader cancelled a cycle opened by mistake (a typo'd month). It stays in the record, takes no
/// more changes, is never the default cycle and counts in no figure.
public struct CycleCancelled: Sendable, Equatable, Codable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// How far from the clock's month `cycle open` goes without `--force`: one month back (a late close of
/// last month) to three months ahead (planning early). Anything else is much more likely a typo.
public enum CycleWindow {
    public static let monthsBack = 1
    public static let monthsAhead = 3

    /// Refuses a month outside the window around `today`'s month, unless forced.
    public static func check(_ month: CycleMonth, today: Day, force: Bool) throws(Refusal) {
        let now = CycleMonth(today)
        let distance = (month.year - now.year) * 12 + (month.month - now.month)
        guard !force, distance < -monthsBack || distance > monthsAhead else { return }
        let direction = distance < 0 ? "\((-distance).counted("month")) before" : "\(distance.counted("month")) after"
        throw Refusal(
            .farOffCycle, "cycle \(month) is \(direction) the clock's month \(now)",
            fix: "check the month: \(now.adding(-monthsBack)) to \(now.adding(monthsAhead)) open as they are; add --force if \(month) is meant")
    }
}

extension CycleMonth {
    /// The month `n` months later (earlier when negative).
    public func adding(_ n: Int) -> CycleMonth {
        let index = year * 12 + (month - 1) + n
        return CycleMonth(year: index / 12, month: index % 12 + 1)
    }
}

extension CycleState {
    /// Cancelling: the leader, with a reason, on a cycle in which no input was submitted and no follow-up
    /// item was raised, decided or closed (a cancelled cycle must count in no figure; once work is recorded
    /// in it, it is not a mistake to erase but a month to finish or close).
    func decideCancel(reason: String, rules: Rules, by actor: Participant, register: FollowUpRegister) throws(Refusal) -> [EventPayload] {
        try rules.permit(.cycleCancel, actor)
        let reason = try rules.reason(reason, for: "cycle cancel")
        let submitted = workflow.stages.flatMap { stage in record(stage.id).inputs.keys.sorted().map { "\(stage.id) \($0)" } }
        if !submitted.isEmpty {
            throw Refusal(
                .cycleHasWork, "cycle \(id) cannot be cancelled: inputs were submitted in it (\(submitted.andList))",
                fix: "finish it and `cycle close` it, or waive its stages; only a cycle with no submitted input can be cancelled")
        }
        let items = register.itemsRecorded(in: id)
        if !items.isEmpty {
            throw Refusal(
                .cycleHasWork, "cycle \(id) cannot be cancelled: follow-up items were recorded in it (\(items.andList))",
                fix: "finish the cycle and `cycle close` it; a cycle with proposals, decisions or actions recorded in it is real work")
        }
        return [.cycleCancelled(CycleCancelled(reason: reason))]
    }
}

extension FollowUpRegister {
    /// Labels of the items raised, decided, deferred into or closed in cycle `id`.
    func itemsRecorded(in id: String) -> [String] {
        let proposals = self.proposals.values.filter { $0.cycle == id || $0.decidedIn == id || $0.deferrals.contains { $0.to == id } }
            .map(\.label)
        let decisions = self.decisions.values.filter { $0.cycle == id }.map(\.label)
        let actions = self.actions.values.filter { $0.cycle == id || $0.closedIn == id }.map(\.label)
        return (proposals.sorted() + decisions.sorted() + actions.sorted())
    }
}
