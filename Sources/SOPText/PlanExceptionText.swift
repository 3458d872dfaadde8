import SOPCore

/// The sentence each plan exception reads as, on the terminal and in `--json`'s `text`.
public enum PlanExceptionText {
    public static func sentence(_ e: PlanException) -> String {
        let who = e.family ?? e.resource ?? "?"
        let month = e.month.map { "\($0)" } ?? ""
        let value = PlanNumbers.figure(e.value)
        let limit = e.limit.map(PlanNumbers.figure) ?? ""
        switch e.kind {
        case .shortage:
            return "\(who) runs short in \(month): projected inventory \(value)."
        case .belowSafetyStock:
            return "\(who) is below safety stock in \(month): projected inventory \(value) against \(limit)."
        case .supplyGap:
            return "\(who): supply falls \(value) short of demand in \(month)."
        case .overCapacity:
            return "\(who) is over capacity in \(month): \(value) of what is available is required (limit \(limit))."
        case .belowBudget:
            let under: String
            if case .ratio(let r) = e.value { under = PlanNumbers.percent1(-r) } else { under = value }
            let allowed: String
            if case .ratio(let r)? = e.limit { allowed = PlanNumbers.percent1(-r) } else { allowed = limit }
            return "\(who): revenue is \(under) below budget in \(month) (limit \(allowed))."
        case .forecastError:
            return "\(who): the lag-1 forecast error (WMAPE) over the accuracy window is \(value) (limit \(limit))."
        }
    }

    /// One line per kind and family or resource, naming its months.
    public static func sentence(_ g: ExceptionGroup) -> String {
        let who = g.family ?? g.resource ?? "?"
        let months = monthList(g.months)
        let several = g.months.count > 1
        let at = several ? g.worstMonth.map { " in \($0)" } ?? "" : ""
        // "up to" only where there are several months to be worst among.
        let upTo = several ? "up to " : "", downTo = several ? "down to " : ""
        let worst = PlanNumbers.figure(g.worst)
        let limit = g.limit.map(PlanNumbers.figure) ?? ""
        switch g.kind {
        case .shortage:
            return "\(who) runs short in \(months): projected inventory \(downTo)\(worst)\(at)."
        case .belowSafetyStock:
            return "\(who) is below safety stock (\(limit)) in \(months): projected inventory \(downTo)\(worst)\(at)."
        case .supplyGap:
            return "\(who): supply falls short of demand in \(months), by \(upTo)\(worst)\(at)."
        case .overCapacity:
            return "\(who) is over capacity in \(months): \(upTo)\(worst) of what is available is required\(at) (limit \(limit))."
        case .belowBudget:
            var under = worst, allowed = limit
            if case .ratio(let r) = g.worst { under = PlanNumbers.percent1(-r) }
            if case .ratio(let r)? = g.limit { allowed = PlanNumbers.percent1(-r) }
            return "\(who): revenue below budget in \(months), by \(upTo)\(under)\(at) (limit \(allowed))."
        case .forecastError:
            return "\(who): the lag-1 forecast error (WMAPE) over the accuracy window is \(worst) (limit \(limit))."
        }
    }

    /// `2027-01 to 2027-03, 2027-06`: runs of consecutive months as ranges.
    static func monthList(_ months: [CycleMonth]) -> String {
        var runs: [(CycleMonth, CycleMonth)] = []
        for m in months {
            if let last = runs.last, last.1.next == m { runs[runs.count - 1].1 = m } else { runs.append((m, m)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0) to \($0.1)" }.joined(separator: ", ")
    }
}
