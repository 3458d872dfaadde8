import Foundation
@testable import SOPCore
import Testing

/// Accuracy against the published check values (notes/plan-figures.md) and the pinned rules: lag,
/// the most recent actuals, cancelled cycles, the window, and nulls.
@Suite struct ForecastAccuracyMatchesTheCheckValues {
    typealias F = PlanFixture

    /// Cycles 2026-01...2026-04 each forecast the next month (F = 15, 12, 5, 8 for 02...05); cycle
    /// 2026-06's actuals hold 01...05 (A(01) = 9, then 10, 5, 8, 10).
    static var cycles: [CyclePlans] {
        let forecasts: [Decimal] = [15, 12, 5, 8]
        var cycles = (0..<4).map { i in
            let month = F.month("2026-01").adding(i)
            return CyclePlans(month: month, demand: F.quantities(.demand, [("outdoor", "\(month.next)", forecasts[i]), ("outdoor", "\(month.next.next)", 1000)]))
        }
        cycles.append(CyclePlans(month: F.month("2026-05")))
        cycles.append(CyclePlans(month: F.month("2026-06"), actuals: F.quantities(.actuals, F.series(.actuals, "outdoor", from: "2026-01", [9, 10, 5, 8, 10]))))
        return cycles
    }

    @Test func thePublishedCheckValues() throws {
        let a = try ForecastAccuracy(cycles: Self.cycles, lag: 1, months: 12)
        let f = try #require(a.families.first?.figures)
        #expect(a.families.map(\.family) == ["outdoor"])
        #expect(f.pairs == 4)
        #expect(f.wmape == 17.0 / 33.0)
        #expect(f.bias == 7.0 / 33.0)
        #expect(abs((f.mape ?? 0) - 0.61875) < 1e-12)
        #expect(f.mad == 4.25)
        #expect(f.trackingSignal == -7.0 / 4.25)
        // Naive A(m-1) = 9, 10, 5, 8 against 10, 5, 8, 10: Σ|e| = 11.
        #expect(f.naiveWmape == 11.0 / 33.0)
        #expect(abs((f.fva ?? 0) - (11.0 / 33.0 - 17.0 / 33.0)) < 1e-12)
        #expect(a.total == f)
        #expect(a.families.first?.points.first == AccuracyPoint(month: F.month("2026-02"), forecast: 15, actual: 10, forecastCycle: F.month("2026-01"), naive: 9))
        #expect(a.window.map(\.description) == ["2026-02", "2026-03", "2026-04", "2026-05"])
        #expect(a.trend.map(\.wmape) == [0.5, 1.4, 3.0 / 8.0, 0.2])
    }

    @Test func lagTwoReadsTheForecastOfTwoCyclesBefore() throws {
        let a = try ForecastAccuracy(cycles: Self.cycles, lag: 2, months: 12)
        let points = try #require(a.families.first?.points)
        // Each cycle's second month is forecast at 1000: 03, 04, 05 have actuals (5, 8, 10).
        #expect(points.map(\.forecast) == [1000, 1000, 1000])
        #expect(points.map(\.forecastCycle.description) == ["2026-01", "2026-02", "2026-03"])
        #expect(points.map(\.naive) == [9, 10, 5])
        #expect(a.total.wmape == (995.0 + 992.0 + 990.0) / 23.0)
    }

    @Test func aCancelledCycleCountsInNoFigure() throws {
        var cycles = Self.cycles
        cycles[1].cancelled = true  // 2026-02's forecast of March is gone
        cycles.append(CyclePlans(month: F.month("2026-07"), cancelled: true, actuals: F.quantities(.actuals, [("outdoor", "2026-02", 500)])))
        let a = try ForecastAccuracy(cycles: cycles, lag: 1, months: 12)
        let points = try #require(a.families.first?.points)
        #expect(points.map(\.month.description) == ["2026-02", "2026-04", "2026-05"])
        #expect(points.first?.actual == 10, "a cancelled cycle's actuals are not the latest")
    }

    @Test func theMostRecentActualsThatHaveTheMonthWin() throws {
        var cycles = Self.cycles
        cycles.insert(CyclePlans(month: F.month("2026-07"), actuals: F.quantities(.actuals, [("outdoor", "2026-02", 11)])), at: 0)
        let a = try ForecastAccuracy(cycles: cycles, lag: 1, months: 12)
        #expect(a.families.first?.points.map(\.actual) == [11, 5, 8, 10])
    }

    @Test func theWindowIsTheLastNTargetMonthsWithAPair() throws {
        let a = try ForecastAccuracy(cycles: Self.cycles, lag: 1, months: 2)
        #expect(a.window.map(\.description) == ["2026-04", "2026-05"])
        #expect(a.total.pairs == 2)
        #expect(a.total.wmape == 5.0 / 18.0)
    }

    @Test func lagAndMonthsBelowOneAreRefusedWithAFix() {
        #expect(throws: Refusal.self) { try ForecastAccuracy(cycles: Self.cycles, lag: 0) }
        do {
            _ = try ForecastAccuracy(cycles: Self.cycles, lag: 1, months: 0)
            Issue.record("months 0 was accepted")
        } catch {
            #expect(error.rule == .badArgument)
            #expect(error.fix.contains("--months"))
        }
        do {
            _ = try ForecastAccuracy(cycles: Self.cycles, lag: -1)
            Issue.record("lag -1 was accepted")
        } catch {
            #expect(error.rule == .badArgument)
            #expect(error.fix.contains("--lag 1"))
        }
    }

    @Test func figuresThatCannotBeComputedAreNull() throws {
        let cycles = [
            CyclePlans(month: F.month("2026-01"), demand: F.quantities(.demand, [("idle", "2026-02", 0), ("exact", "2026-02", 7)])),
            CyclePlans(month: F.month("2026-02"), actuals: F.quantities(.actuals, [("idle", "2026-02", 0), ("exact", "2026-02", 7)])),
        ]
        let a = try ForecastAccuracy(cycles: cycles)
        let idle = try #require(a.families.first { $0.family == "idle" }?.figures)
        #expect(idle.pairs == 1 && idle.wmape == nil && idle.mape == nil && idle.bias == nil && idle.trackingSignal == nil)
        #expect(idle.naiveWmape == nil && idle.fva == nil && idle.mad == 0)
        let exact = try #require(a.families.first { $0.family == "exact" }?.figures)
        #expect(exact.wmape == 0 && exact.mape == 0 && exact.bias == 0 && exact.trackingSignal == nil, "MAD 0: no tracking signal")
        let none = AccuracyFigures([])
        #expect(none.pairs == 0 && none.wmape == nil && none.mape == nil && none.mad == nil)
    }

    @Test func oneFamilyAndTheLagOneHelper() throws {
        var cycles = Self.cycles
        cycles.append(CyclePlans(month: F.month("2026-05"), demand: F.quantities(.demand, [("indoor", "2026-06", 50)])))
        cycles.append(CyclePlans(month: F.month("2026-08"), actuals: F.quantities(.actuals, [("indoor", "2026-06", 100)])))
        let indoor = try ForecastAccuracy(cycles: cycles, family: "indoor")
        #expect(indoor.families.map(\.family) == ["indoor"] && indoor.total.wmape == 0.5)
        let wmape = ForecastAccuracy.lagOneWMAPE(cycles: cycles)
        #expect(wmape == ["outdoor": 17.0 / 33.0, "indoor": 0.5])
        #expect(ForecastAccuracy.lagOneWMAPE(cycles: cycles, months: 1) == ["indoor": 0.5])
    }

    @Test func manyCyclesAndFamiliesGiveTheSameFiguresAsOne() throws {
        // 120 cycles x 50 families x 18 months: each family forecasts its actual + 10 %, so every
        // family's WMAPE is exactly 0.1 whatever the size (a check of the indexing, not the clock).
        var cycles: [CyclePlans] = []
        let first = F.month("2016-01")
        for c in 0..<120 {
            let month = first.adding(c)
            var demand: [(String, String, Decimal)] = []
            var actuals: [(String, String, Decimal)] = []
            for f in 0..<50 {
                for h in 0..<18 { demand.append(("f\(f)", "\(month.adding(h))", Decimal(110 * (f + 1)))) }
                actuals.append(("f\(f)", "\(month.previous)", Decimal(100 * (f + 1))))
            }
            cycles.append(CyclePlans(month: month, demand: F.quantities(.demand, demand), actuals: F.quantities(.actuals, actuals)))
        }
        let a = try ForecastAccuracy(cycles: cycles, lag: 1, months: 12)
        #expect(a.families.count == 50)
        #expect(a.window.count == 12)
        #expect(a.families.allSatisfy { $0.figures.pairs == 12 && abs(($0.figures.wmape ?? 0) - 0.1) < 1e-12 })
        #expect(abs((a.total.bias ?? 0) - 0.1) < 1e-12)
    }
}
