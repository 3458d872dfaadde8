import SOPCore
import SOPStore

/// The executive meeting's agenda, built from the cycle, its log, the follow-ups it sees and the
/// previous meeting, with the plan figures read the way `balance`, `plan diff`, `accuracy` and
/// `scenario compare` read them (the same functions, so the agenda and those commands cannot differ).
public enum AgendaQueries {
    public static func agenda(_ session: Session) throws -> Agenda {
        let today = session.today
        var agenda = try session.database.read { tx -> Agenda in
            let state = try session.loadCycle(tx)
            let events = try tx.events(cycle: state.id)
            var register = try tx.followUps(visibleIn: state.id)
            // An earlier cycle's decision this cycle supersedes is not among the items it sees.
            let replaced = register.decisions(of: state.id).compactMap(\.supersedes).map(FollowUpKind.decision.label)
            if !replaced.isEmpty { register = try tx.followUps(visibleIn: state.id, including: replaced) }
            var previous: PreviousMeeting? = nil
            var earlierDecisions: [Decision] = []
            if let earlier = PreviousMeeting.cycle(before: state.id, among: try tx.cycles().filter { !$0.cancelled }.map(\.id)),
                let before = try tx.loadCycle(earlier)
            {
                previous = PreviousMeeting(of: before)
                earlierDecisions = try tx.followUps(visibleIn: earlier).decisions(of: earlier)
            }
            return Agenda.build(
                cycle: state, events: events, register: register, previous: previous, today: today, earlierDecisions: earlierDecisions)
        }
        if case .noDemandPlan = agenda.plan, let month = CycleMonth(agenda.cycle) {
            agenda.plan = try plan(session, month: month, open: agenda.decisionsNeeded)
        }
        return agenda
    }

    /// The cycle's plan figures, or `noDemandPlan` while there is no demand plan of record.
    static func plan(_ session: Session, month: CycleMonth, open proposals: [Agenda.ProposalItem]) throws -> AgendaPlanState {
        let (record, history) = try session.database.read { tx in
            var record = try PlanRecord.read(session, tx: tx, current: month, kinds: { $0 == month ? Set(PlanKind.allCases) : [] })
            // The plan diff compares with one earlier cycle, known from the sources alone: only that
            // cycle's demand and supply plans are read.
            if let against = try? PlanDiff.against(month, among: PlanQueries.candidates(record), explicit: nil) {
                try record.load([.demand, .supply], of: against, session: session, tx: tx)
            }
            return (record, try PlanQueries.forecastErrorHistory(record, month: month, session: session, tx: tx))
        }
        guard let cycle = record.cycle(month), cycle.tables[.demand] != nil else { return .noDemandPlan }
        // The agenda's accuracy is the lag-1 view the balance's forecast-error exception reads: computed once.
        let accuracy = try ForecastAccuracy(cycles: history, lag: 1, months: ForecastAccuracy.forecastErrorMonths, family: nil)
        let balance = try PlanQueries.balance(of: month, in: record, history: history, lagOne: accuracy)
        // No earlier cycle, or none with a plan: there is nothing to compare with, which is not an error here.
        let diff: PlanDiff? = (try? PlanQueries.diff(record, month: month, against: nil))
        let names = Set(cycle.scenarios.map(\.name))
        var comparisons: [ProposalComparison] = []
        for proposal in proposals {
            let chosen = proposal.options.filter { names.contains($0) }
            guard !chosen.isEmpty else { continue }
            comparisons.append(ProposalComparison(
                proposal: proposal.id, comparison: try PlanQueries.compare(session, record: record, month: month, history: history, names: chosen)))
        }
        return .figures(AgendaPlan(balance: balance, diff: diff, accuracy: accuracy, comparisons: comparisons))
    }
}
