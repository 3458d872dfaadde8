import Foundation

extension ProcessMetrics {
    /// Measures `cycles` (the window, oldest first) on `today`.
    ///
    /// `followUps` may hold more items than the window's (the store hands in live items from earlier
    /// cycles too); only proposals and actions raised in a window cycle are measured, and a decision
    /// counts wherever it was recorded.
    public init(cycles: [CycleHistory], followUps: FollowUpRegister, today: Day) {
        let ids = Set(cycles.map(\.id))
        let histories = cycles.map { ($0, $0.stageHistories(today: today)) }
        self.init(
            cycles: cycles.map(\.id), today: today,
            stages: Self.stageOrder(cycles).map { Self.stage($0, in: histories) },
            decisions: Self.decisions(followUps, raisedIn: ids),
            actions: Self.actions(followUps, in: cycles, today: today))
    }

    /// The newest workflow's stages in its order, then stages only older workflows of the window had.
    static func stageOrder(_ cycles: [CycleHistory]) -> [Stage] {
        var seen: Set<String> = []
        var order: [Stage] = []
        for cycle in cycles.reversed() {
            for stage in cycle.workflow.stages where seen.insert(stage.id).inserted { order.append(stage) }
        }
        return order
    }

    static func stage(_ stage: Stage, in histories: [(CycleHistory, [String: StageHistory])]) -> StageMetrics {
        var m = StageMetrics(
            id: stage.id, title: stage.title, cycles: 0, measured: 0, onTime: 0, late: 0, overdue: 0, waived: 0, pending: 0,
            onTimeRate: nil, medianWorkdaysLate: nil, medianSignoffWaitHours: nil, signoffs: 0)
        var lateness: [Double] = []
        var waits: [Double] = []
        for (_, stages) in histories {
            guard let history = stages[stage.id] else { continue }
            m.cycles += 1
            waits += history.signoffWaits.map { $0 / 3600 }
            switch history.delivery {
            case .onTime: m.onTime += 1
            case .late(let n):
                m.late += 1
                lateness.append(Double(n))
            case .overdue(let n):
                m.overdue += 1
                lateness.append(Double(n))
            case .waived: m.waived += 1
            case .pending: m.pending += 1
            case .noDueDate: break
            }
        }
        m.measured = m.onTime + m.late + m.overdue
        m.onTimeRate = m.measured > 0 ? Double(m.onTime) / Double(m.measured) : nil
        m.medianWorkdaysLate = median(lateness)
        m.medianSignoffWaitHours = median(waits)
        m.signoffs = waits.count
        return m
    }

    /// Calendar days from each proposal raised in the window to the first decision that answered it
    /// (a superseding decision later does not make the executives slower).
    static func decisions(_ register: FollowUpRegister, raisedIn ids: Set<String>) -> DecisionMetrics {
        let raised = register.proposals.values.filter { ids.contains($0.cycle) }
        var latencies: [Double] = []
        var decided = 0
        for proposal in raised where proposal.decision != nil {
            decided += 1
            let answers = register.decisions.values.filter { $0.proposal == proposal.number }
            // Without the decision's record (not handed in) the proposal is decided but its latency unknown.
            guard let first = answers.min(by: { $0.at < $1.at }) else { continue }
            latencies.append(max(0, first.at.timeIntervalSince(proposal.at)) / 86_400)
        }
        return DecisionMetrics(
            decided: decided, undecided: raised.count - decided, deferred: raised.filter { !$0.deferrals.isEmpty }.count,
            medianLatencyDays: median(latencies), maxLatencyDays: latencies.max())
    }

    /// Actions added in the window, judged in workdays of the calendar of the cycle that added them:
    /// late means at least one workday past the due day, the same rule as for stages.
    static func actions(_ register: FollowUpRegister, in cycles: [CycleHistory], today: Day) -> ActionMetrics {
        var calendars: [String: WorkCalendar] = [:]
        for cycle in cycles { calendars[cycle.id] = cycle.workflow.calendar }
        var m = ActionMetrics(measured: 0, onTime: 0, late: 0, overdue: 0, pending: 0, cancelled: 0, onTimeRate: nil, medianWorkdaysLate: nil)
        var lateness: [Double] = []
        for action in register.actions.values {
            guard let calendar = calendars[action.cycle] else { continue }
            switch action.state {
            case .cancelled:
                m.cancelled += 1
            case .done:
                let doneOn = calendar.day(containing: action.closedAt ?? action.at)
                let late = calendar.workdaysBetween(action.due, doneOn)
                if late > 0 {
                    m.late += 1
                    lateness.append(Double(late))
                } else {
                    m.onTime += 1
                }
            case .open:
                let late = action.workdaysOverdue(on: today, calendar: calendar)
                if late > 0 {
                    m.overdue += 1
                    lateness.append(Double(late))
                } else {
                    m.pending += 1
                }
            }
        }
        m.measured = m.onTime + m.late + m.overdue
        m.onTimeRate = m.measured > 0 ? Double(m.onTime) / Double(m.measured) : nil
        m.medianWorkdaysLate = median(lateness)
        return m
    }
}
