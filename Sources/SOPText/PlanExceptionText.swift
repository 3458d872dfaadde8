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

    /// A run of months as one line; a single month reads as `sentence`.
    public static func sentence(_ run: ExceptionRun) -> String {
        guard run.months.count > 1, let first = run.months.first, let last = run.months.last else { return sentence(run.worst) }
        let who = run.family ?? run.resource ?? "?"
        let span = "\(first) to \(last) (\(run.months.count) months)"
        let e = run.worst
        let value = PlanNumbers.figure(e.value)
        let limit = e.limit.map(PlanNumbers.figure) ?? ""
        let at = e.month.map { " in \($0)" } ?? ""
        switch run.kind {
        case .shortage:
            return "\(who) runs short from \(span): projected inventory as low as \(value)\(at)."
        case .belowSafetyStock:
            return "\(who) is below safety stock from \(span): projected inventory as low as \(value)\(at) against \(limit)."
        case .supplyGap:
            return "\(who): supply falls short of demand from \(span), by up to \(value)\(at)."
        case .overCapacity:
            return "\(who) is over capacity from \(span): up to \(value) of what is available is required\(at) (limit \(limit))."
        case .belowBudget:
            let under: String
            if case .ratio(let r) = e.value { under = PlanNumbers.percent1(-r) } else { under = value }
            let allowed: String
            if case .ratio(let r)? = e.limit { allowed = PlanNumbers.percent1(-r) } else { allowed = limit }
            return "\(who): revenue is below budget from \(span), by up to \(under)\(at) (limit \(allowed))."
        case .forecastError:
            return sentence(e)
        }
    }
}
