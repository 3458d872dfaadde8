import Foundation
@testable import SOPCore
import Testing

/// A real series against an independent computation: the first two years of the Box-Jenkins
/// airline passengers (as sktime's `load_airline()` ships them), forecast each month of 1950 by
/// the same month of 1949 (a seasonal naive forecast, made in the cycle before). The expected
/// values were computed with numpy from the same numbers, not with sop's code.
@Suite struct AccuracyAgreesWithNumpyOnTheAirlineSeries {
    static let passengers: [Decimal] = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140]

    @Test func lagOneFiguresOfTheSeasonalNaiveForecast() throws {
        let first = PlanFixture.month("1949-01")
        var cycles: [CyclePlans] = []
        for target in 12..<24 {
            let cycle = first.adding(target - 1)
            cycles.append(CyclePlans(month: cycle, demand: PlanFixture.quantities(.demand, [("passengers", "\(first.adding(target))", Self.passengers[target - 12])])))
        }
        cycles.append(CyclePlans(month: PlanFixture.month("1951-01"), actuals: PlanFixture.quantities(.actuals, PlanFixture.series(.actuals, "passengers", from: "1949-01", Self.passengers))))
        let f = try ForecastAccuracy(cycles: cycles, lag: 1, months: 12).total
        #expect(f.pairs == 12)
        for (value, numpy) in [
            (f.wmape, 0.09307875894988067), (f.mape, 0.08933352768833336), (f.bias, -0.09307875894988067), (f.mad, 13.0),
            (f.trackingSignal, 12.0), (f.naiveWmape, 0.1026252983293556), (f.fva, 0.00954653937947493),
        ] {
            #expect(abs((value ?? .nan) - numpy) < 1e-12, "\(String(describing: value)) against numpy's \(numpy)")
        }
    }
}
