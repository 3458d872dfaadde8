import Foundation
import SOPCore
import Testing

/// The balance's figures by hand: projected inventory, the pinned cover, utilisation, and every
/// exception at its threshold's edge.
@Suite struct BalanceFiguresMatchTheHandWorkedSheet {
    typealias F = PlanFixture
    static let cycle = F.month("2026-11")

    static func balance(
        demand: [Decimal], supply: [Decimal]? = nil, opening: Decimal? = nil, safety: Decimal? = nil,
        thresholds: ExceptionThresholds = .defaults, forecastError: [String: Double] = [:]
    ) -> Balance {
        let plans = BalanceInputs(
            demand: F.quantities(.demand, F.series(.demand, "outdoor", from: "2026-11", demand)),
            supply: supply.map { F.quantities(.supply, F.series(.supply, "outdoor", from: "2026-11", $0)) },
            inventory: opening.map { F.inventory([("outdoor", $0, safety)]) })
        return Balance(cycle: cycle, plans: plans, thresholds: thresholds, forecastError: forecastError)
    }

    @Test func projectedInventoryRunsOnFromTheOpeningStockAndIsNeverClamped() throws {
        let b = Self.balance(demand: [1200, 900, 1000], supply: [1000, 1000, 500], opening: 300)
        let f = try #require(b.families.first)
        #expect(f.months.map(\.inventory) == [100, 200, -300])
        #expect(f.months.map(\.gap) == [200, -100, 500])
        #expect(f.months.map(\.supply) == [1000, 1000, 500])
        #expect(b.horizon.map(\.description) == ["2026-11", "2026-12", "2027-01"])
    }

    @Test func coverIsWholeMonthsPlusTheFractionOfTheNext() throws {
        // PI 150, 50, -50, -150: 150 covers December (100) and half of January.
        let f = try #require(Self.balance(demand: [100, 100, 100, 100], supply: [0, 0, 0, 0], opening: 250).families.first)
        #expect(f.months.map(\.cover) == [1.5, 0.5, 0, 0])
    }

    @Test func coverIsZeroWhenInventoryIsGoneAndWholeWhenUsedUpExactlyAtTheEnd() throws {
        // PI 200, 100, 0: 200 is exactly the last two months' demand.
        let f = try #require(Self.balance(demand: [100, 100, 100], supply: [0, 0, 0], opening: 300).families.first)
        #expect(f.months.map(\.cover) == [2, 1, 0])
    }

    @Test func coverIsNullWhenTheHorizonEndsBeforeInventoryIsUsedUp() throws {
        let f = try #require(Self.balance(demand: [100, 100, 100], supply: [0, 0, 0], opening: 1000).families.first)
        #expect(f.months.map(\.inventory) == [900, 800, 700])
        #expect(f.months.map(\.cover) == [nil, nil, nil])
    }

    @Test func aZeroDemandMonthDoesNotStopTheCover() throws {
        // PI 150 after November; December needs nothing, January 100, February 100.
        let f = try #require(Self.balance(demand: [50, 0, 100, 100], supply: [0, 0, 0, 0], opening: 200).families.first)
        #expect(f.months[0].cover == 2.5)
    }

    @Test func withoutASupplyPlanSupplyAndGapAreNullAndStockRunsDown() throws {
        let b = Self.balance(demand: [100, 100], opening: 150)
        let f = try #require(b.families.first)
        #expect(f.months.map(\.supply) == [nil, nil])
        #expect(f.months.map(\.gap) == [nil, nil])
        #expect(f.months.map(\.inventory) == [50, -50])
        #expect(!b.exceptions.contains { $0.kind == .supplyGap })
        #expect(b.exceptions.map(\.kind) == [.shortage])
    }

    @Test func theHorizonStartsAtTheCycleMonthAndHasNoHoles() {
        let demand = F.quantities(.demand, [("outdoor", "2026-10", 5), ("outdoor", "2026-11", 10), ("outdoor", "2027-01", 20)])
        let b = Balance(cycle: Self.cycle, plans: BalanceInputs(demand: demand))
        #expect(b.horizon.map(\.description) == ["2026-11", "2026-12", "2027-01"])
        #expect(b.families.first?.months.map(\.demand) == [10, 0, 20])
        #expect(b.families.first?.months.map(\.inventory) == [-10, -10, -30])
    }

    @Test func utilisationIsRequiredOverAvailableAndNullWhenNothingIsAvailable() throws {
        let capacity = F.capacity([
            ("line-2", "2026-11", 800, 760), ("line-2", "2026-12", 0, 50), ("line-2", "2027-01", 800, 800), ("line-2", "2027-02", 800, 801),
            ("line-1", "2026-10", 100, 500),
        ])
        let b = Balance(cycle: Self.cycle, plans: BalanceInputs(demand: F.quantities(.demand, [("outdoor", "2026-11", 1)]), capacity: capacity))
        let r = try #require(b.resources.first)
        #expect(b.resources.map(\.resource) == ["line-2"], "a month before the cycle is history, not plan")
        #expect(r.months.map(\.utilisation) == [0.95, nil, 1.0, 801.0 / 800.0])
        let over = b.exceptions.filter { $0.kind == .overCapacity }
        #expect(over == [PlanException(kind: .overCapacity, resource: "line-2", month: F.month("2027-02"), value: .ratio(801.0 / 800.0), limit: .ratio(1.0))])
    }

    @Test func safetyStockAndShortageMeetAtZero() {
        // PI: 10 (= safety: fine), 9 (below), 0 (below), -1 (shortage only).
        let b = Self.balance(demand: [0, 1, 9, 1], opening: 10, safety: 10)
        #expect(b.exceptions.map(\.kind) == [.shortage, .belowSafetyStock, .belowSafetyStock])
        #expect(b.exceptions[0] == PlanException(kind: .shortage, family: "outdoor", month: F.month("2027-02"), value: .quantity(-1)))
        #expect(b.exceptions[1] == PlanException(kind: .belowSafetyStock, family: "outdoor", month: F.month("2026-12"), value: .quantity(9), limit: .quantity(10)))
        #expect(b.exceptions[2].month == F.month("2027-01"))
    }

    @Test func aSupplyGapIsAMonthWithLessSupplyThanDemand() {
        let b = Self.balance(demand: [100, 100, 100], supply: [100, 99, 150], opening: 1000)
        #expect(b.exceptions == [PlanException(kind: .supplyGap, family: "outdoor", month: F.month("2026-12"), value: .quantity(1))])
    }

    @Test func belowBudgetIsADeviationPastTheThreshold() throws {
        let finance = F.revenue(.finance, [("outdoor", "2026-11", 95), ("outdoor", "2026-12", 94), ("outdoor", "2027-01", 130), ("outdoor", "2027-02", 10)])
        let budget = F.revenue(.budget, [("outdoor", "2026-11", 100), ("outdoor", "2026-12", 100), ("outdoor", "2027-01", 100), ("outdoor", "2027-02", 0)])
        let demand = F.quantities(.demand, F.series(.demand, "outdoor", from: "2026-11", [0, 0, 0, 0]))
        let b = Balance(cycle: Self.cycle, plans: BalanceInputs(demand: demand, finance: finance, budget: budget))
        let f = try #require(b.families.first)
        #expect(f.months.map(\.revenue) == [95, 94, 130, 10])
        #expect(f.months.map(\.budget) == [100, 100, 100, 0])
        #expect(f.months.map(\.deviation) == [-0.05, -0.06, 0.3, nil])
        #expect(b.exceptions == [PlanException(kind: .belowBudget, family: "outdoor", month: F.month("2026-12"), value: .ratio(-0.06), limit: .ratio(-0.05))])
        let strict = Balance(
            cycle: Self.cycle, plans: BalanceInputs(demand: demand, finance: finance, budget: budget),
            thresholds: ExceptionThresholds(overCapacity: 1, belowBudget: 0.04, forecastError: 0.4))
        #expect(strict.exceptions.map(\.month) == [F.month("2026-11"), F.month("2026-12")])
    }

    @Test func forecastErrorIsAFamilysWMAPEAboveTheThreshold() {
        let b = Self.balance(demand: [1], supply: [1], opening: 0, forecastError: ["outdoor": 0.41, "indoor": 0.4])
        #expect(b.exceptions == [PlanException(kind: .forecastError, family: "outdoor", value: .ratio(0.41), limit: .ratio(0.4))])
    }

    @Test func exceptionsAreOrderedByKindThenFamilyThenMonth() {
        let demand = F.quantities(.demand, F.series(.demand, "outdoor", from: "2026-11", [10, 10]) + F.series(.demand, "indoor", from: "2026-11", [10, 10]))
        let b = Balance(cycle: Self.cycle, plans: BalanceInputs(demand: demand), forecastError: ["indoor": 0.9])
        #expect(b.families.map(\.family) == ["indoor", "outdoor"])
        #expect(b.exceptions.map { "\($0.kind.rawValue) \($0.family ?? "") \($0.month.map(\.description) ?? "-")" } == [
            "shortage indoor 2026-11", "shortage indoor 2026-12", "shortage outdoor 2026-11", "shortage outdoor 2026-12", "forecast-error indoor -",
        ])
    }

    @Test func kpisAreReadOffTheBalance() throws {
        let plans = BalanceInputs(
            demand: F.quantities(.demand, F.series(.demand, "outdoor", from: "2026-11", [100, 100, 100]) + F.series(.demand, "indoor", from: "2026-11", [10, 10, 10])),
            supply: F.quantities(.supply, F.series(.supply, "outdoor", from: "2026-11", [0, 50, 200])),
            inventory: F.inventory([("outdoor", 50, nil), ("indoor", 100, nil)]),
            finance: F.revenue(.finance, [("outdoor", "2026-11", 1000.5), ("outdoor", "2026-12", 1000)]))
        let kpis = PlanKPIs(Balance(cycle: Self.cycle, plans: plans))
        // outdoor PI: -50, -100, 0; indoor: 90, 80, 70 (no supply rows: 0 each month).
        let outdoor = try #require(kpis.families.first { $0.family == "outdoor" }?.figures)
        #expect(outdoor.demand == 300 && outdoor.supply == 250 && outdoor.shortage == 100 && outdoor.endingInventory == 0 && outdoor.monthsShort == 2)
        #expect(outdoor.revenue == Decimal(string: "2000.5"))
        let indoor = try #require(kpis.families.first { $0.family == "indoor" }?.figures)
        #expect(indoor.shortage == 0 && indoor.endingInventory == 70 && indoor.monthsShort == 0 && indoor.revenue == nil)
        #expect(kpis.total.demand == 330 && kpis.total.supply == 250 && kpis.total.shortage == 100 && kpis.total.endingInventory == 70)
        #expect(kpis.total.monthsShort == 2 && kpis.total.revenue == Decimal(string: "2000.5"))
    }
}
