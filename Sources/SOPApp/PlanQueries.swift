import Foundation
import SOPCore
import SOPStore

/// Reading the plan figures: `balance`, `plan diff`, `accuracy` and the scenarios. Each reads the
/// plan record once, in one read transaction, and lets SOPCore compute.
public enum PlanQueries {
    /// The current cycle's balance, with the forecast-error exception from the record's lag-1 accuracy.
    public static func balance(_ session: Session, family: String? = nil) throws -> (Balance, PlanNotes) {
        let (record, month, history) = try readWithHistory(session)
        let balance = try self.balance(of: month, in: record, history: history)
        guard let cycle = record.cycle(month), let plans = cycle.balanceInputs else { throw SessionRules.noCycleYet }
        let notes = PlanNotes(cycle: month, workflow: cycle.workflow, sources: cycle.sources, plans: plans)
        return (try family.map { try balance.only(family: $0) } ?? balance, notes)
    }

    /// `plan diff [--against YYYY-MM]`.
    public static func diff(_ session: Session, against explicit: CycleMonth?) throws -> PlanDiff {
        // Two cycles' demand and supply plans: which two is known from the sources alone.
        let (record, month) = try session.database.read { tx in
            let month = try currentMonth(session, tx: tx)
            var record = try PlanRecord.read(session, tx: tx, current: month, kinds: { $0 == month ? [.demand, .supply] : [] })
            let against = try PlanDiff.against(month, among: candidates(record), explicit: explicit)
            try record.load([.demand, .supply], of: against, session: session, tx: tx)
            return (record, month)
        }
        return try diff(record, month: month, against: explicit)
    }

    /// Which cycles `plan diff` may compare with, from the sources alone (no file need be read).
    static func candidates(_ record: PlanRecord) -> [DiffCandidate] {
        record.cycles.map { DiffCandidate(month: $0.month, cancelled: $0.cancelled, hasPlan: $0.sources[.demand] != nil || $0.sources[.supply] != nil) }
    }

    static func diff(_ record: PlanRecord, month: CycleMonth, against explicit: CycleMonth?) throws -> PlanDiff {
        let against = try PlanDiff.against(month, among: candidates(record), explicit: explicit)
        let now = record.cycle(month)
        let before = record.cycle(against)
        return PlanDiff(
            cycle: month, against: against,
            now: (now?.tables[.demand], now?.tables[.supply]), before: (before?.tables[.demand], before?.tables[.supply]))
    }

    /// `accuracy`: over the record up to the current cycle.
    public static func accuracy(_ session: Session, lag: Int, months: Int, family: String?) throws -> ForecastAccuracy {
        let history = try session.database.read { tx in
            let month = try currentMonth(session, tx: tx)
            let record = try PlanRecord.read(session, tx: tx, current: month, kinds: { _ in [] })
            return try AccuracyHistory.read(record, upTo: month, lag: lag, months: months, family: family, session: session, tx: tx)
        }
        return try ForecastAccuracy(cycles: history, lag: lag, months: months, family: family)
    }

    /// The scenarios of the current cycle, each with the decision that promoted it (if one in force did).
    public static func scenarios(_ session: Session) throws -> (cycle: CycleMonth, scenarios: [(Scenario, promotedBy: Int?)]) {
        let (record, month) = try session.database.read { tx in
            let month = try currentMonth(session, tx: tx)
            return (try PlanRecord.read(session, tx: tx, current: month, kinds: { _ in [] }), month)
        }
        let cycle = record.cycle(month)
        let promoted = Dictionary((cycle?.promotions.values ?? [:].values).map { ($0.scenario.name, $0.decision) }, uniquingKeysWith: { a, _ in a })
        return (month, (cycle?.scenarios ?? []).map { ($0, promoted[$0.name]) })
    }

    /// `scenario compare [NAME...]`: the submitted plans (the baseline) and each scenario in their
    /// place, on the same KPIs, read off the same balance computation.
    public static func compare(_ session: Session, names: [String]) throws -> ScenarioComparison {
        let (record, month, history) = try readWithHistory(session)
        return try compare(session, record: record, month: month, history: history, names: names)
    }

    /// The same on a record already read (the agenda compares the scenarios of each open proposal).
    static func compare(
        _ session: Session, record: PlanRecord, month: CycleMonth, history: [CyclePlans], names: [String]
    ) throws -> ScenarioComparison {
        guard let cycle = record.cycle(month) else { throw SessionRules.noCycleYet }
        let chosen = try ScenarioComparison.choose(names, from: cycle.scenarios, cycle: month.description)
        var submitted = cycle
        submitted.sources = PlanOfRecord.sources(workflow: cycle.workflow, fold: fold(of: cycle), promotions: [:])
        submitted.tables = try session.database.read { tx in try tables(submitted.sources, cycle: month.description, session: session, tx: tx) }
        let baseline = PlanKPIs(try balance(of: submitted, history: history))
        var entries: [ScenarioComparison.Entry] = []
        for scenario in chosen {
            var alternative = submitted
            guard let (kind, source) = try session.database.read({ tx in
                try scenarioSource(scenario, in: cycle, session: session, tx: tx)
            }) else { continue }
            alternative.tables[kind] = source
            let promotedBy = cycle.promotions.values.first { $0.scenario.name == scenario.name }?.decision
            entries.append(ScenarioComparison.Entry(scenario: scenario, promotedBy: promotedBy, kpis: PlanKPIs(try balance(of: alternative, history: history))))
        }
        return ScenarioComparison(cycle: month, baseline: baseline, scenarios: entries)
    }

    // MARK: Reading

    /// The session's cycle as a month.
    static func currentMonth(_ session: Session, tx: StoreTransaction) throws -> CycleMonth {
        let id = try session.cycleID(tx)
        guard let month = CycleMonth(id) else { throw SessionRules.unknownCycle(id, existing: try tx.cycles().map(\.id)) }
        return month
    }

    /// What a balance reads, in one transaction: every plan of the current cycle, and the lag-1
    /// history its forecast-error exception computes on.
    private static func readWithHistory(_ session: Session) throws -> (PlanRecord, CycleMonth, [CyclePlans]) {
        try session.database.read { tx in
            let month = try currentMonth(session, tx: tx)
            let record = try PlanRecord.read(session, tx: tx, current: month, kinds: { $0 == month ? Set(PlanKind.allCases) : [] })
            return (record, month, try forecastErrorHistory(record, month: month, session: session, tx: tx))
        }
    }

    /// The rows the balance's `forecast-error` exception computes on (`ForecastAccuracy.lagOneWMAPE`).
    static func forecastErrorHistory(_ record: PlanRecord, month: CycleMonth, session: Session, tx: StoreTransaction) throws -> [CyclePlans] {
        try AccuracyHistory.read(
            record, upTo: month, lag: 1, months: ForecastAccuracy.forecastErrorMonths, family: nil, session: session, tx: tx)
    }

    /// `lagOne`, when given, is the cycle's lag-1 accuracy over the forecast-error window, already
    /// computed from `history` (the agenda shows it too); without it the balance computes the same.
    static func balance(of month: CycleMonth, in record: PlanRecord, history: [CyclePlans], lagOne: ForecastAccuracy? = nil) throws -> Balance {
        guard let cycle = record.cycle(month) else { throw SessionRules.noCycleYet }
        return try balance(of: cycle, history: history, lagOne: lagOne)
    }

    private static func balance(of cycle: PlanRecord.Cycle, history: [CyclePlans], lagOne: ForecastAccuracy? = nil) throws -> Balance {
        _ = try PlanOfRecord.requireDemand(cycle.sources, cycle: cycle.month.description, workflow: cycle.workflow)
        guard let plans = cycle.balanceInputs else { throw SessionRules.noCycleYet }
        let error = lagOne?.familyWMAPE ?? ForecastAccuracy.lagOneWMAPE(cycles: history.filter { $0.month <= cycle.month })
        return Balance(cycle: cycle.month, plans: plans, thresholds: cycle.workflow.exceptions, forecastError: error)
    }

    private static func fold(of cycle: PlanRecord.Cycle) -> PlanOfRecord.Fold { cycle.fold }

    private static func tables(_ sources: [PlanKind: PlanSource], cycle: String, session: Session, tx: StoreTransaction) throws -> [PlanKind: PlanTable] {
        var tables: [PlanKind: PlanTable] = [:]
        for (kind, source) in sources { tables[kind] = try session.planFiles.table(source, cycle: cycle, tx: tx) }
        return tables
    }

    private static func scenarioSource(_ scenario: Scenario, in cycle: PlanRecord.Cycle, session: Session, tx: StoreTransaction) throws -> (PlanKind, PlanTable)? {
        guard let stage = cycle.workflow.stage(scenario.stage), let input = stage.input(scenario.input), let kind = input.plan,
              case .file(let name, let sha, _) = scenario.content else { return nil }
        return (kind, try session.planFiles.table(PlanReading(sha256: sha, fileName: name, input: input, kind: kind), cycle: cycle.month.description, tx: tx))
    }
}
