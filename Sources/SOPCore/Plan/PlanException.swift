import Foundation

/// The pinned kinds of plan exception, in the order the meeting reads them: stock first, then
/// supply, capacity, money and the forecast.
public enum PlanExceptionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Projected inventory below zero.
    case shortage
    /// Projected inventory at or above zero but under the family's safety stock.
    case belowSafetyStock = "below-safety-stock"
    /// Supply under demand in a month.
    case supplyGap = "supply-gap"
    /// A resource's utilisation above the threshold.
    case overCapacity = "over-capacity"
    /// Revenue under budget by more than the threshold.
    case belowBudget = "below-budget"
    /// A family's lag-1 WMAPE over the accuracy window above the threshold.
    case forecastError = "forecast-error"
}

/// A number an exception is about: a quantity stays exact, a ratio is a fraction (0.12).
public enum PlanFigure: Sendable, Equatable {
    case quantity(Decimal)
    case ratio(Double)
}

/// One exception: what, about which family or resource, in which month (none for forecast-error,
/// which is over the accuracy window), the figure, and the limit it crossed. No prose: SOPText
/// writes the sentence.
public struct PlanException: Sendable, Equatable {
    public var kind: PlanExceptionKind
    public var family: String?
    public var resource: String?
    public var month: CycleMonth?
    /// shortage / below-safety-stock: PI; supply-gap: the gap (positive); over-capacity: utilisation;
    /// below-budget: the deviation (negative); forecast-error: the WMAPE.
    public var value: PlanFigure
    /// below-safety-stock: the safety stock; over-capacity, below-budget, forecast-error: the
    /// threshold (below-budget's as a negative deviation); nil for shortage and supply-gap (the limit is 0).
    public var limit: PlanFigure?

    public init(kind: PlanExceptionKind, family: String? = nil, resource: String? = nil, month: CycleMonth? = nil, value: PlanFigure, limit: PlanFigure? = nil) {
        self.kind = kind
        self.family = family
        self.resource = resource
        self.month = month
        self.value = value
        self.limit = limit
    }

    /// Kind (in `PlanExceptionKind.allCases` order), then family or resource by name, then month
    /// (a month-less forecast-error sorts first, but it is alone in its kind per family anyway).
    static func order(_ a: PlanException, _ b: PlanException) -> Bool {
        let ka = PlanExceptionKind.allCases.firstIndex(of: a.kind) ?? 0
        let kb = PlanExceptionKind.allCases.firstIndex(of: b.kind) ?? 0
        if ka != kb { return ka < kb }
        let sa = a.family ?? a.resource ?? "", sb = b.family ?? b.resource ?? ""
        if sa != sb { return sa < sb }
        switch (a.month, b.month) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let ma?, let mb?): return ma < mb
        }
    }

    static func found(families: [FamilyBalance], resources: [ResourceBalance], thresholds: ExceptionThresholds, forecastError: [String: Double]) -> [PlanException] {
        var found: [PlanException] = []
        for family in families {
            for m in family.months {
                if m.inventory < 0 {
                    found.append(PlanException(kind: .shortage, family: family.family, month: m.month, value: .quantity(m.inventory)))
                } else if let safety = family.safetyStock, m.inventory < safety {
                    found.append(PlanException(kind: .belowSafetyStock, family: family.family, month: m.month, value: .quantity(m.inventory), limit: .quantity(safety)))
                }
                if let gap = m.gap, gap > 0 {
                    found.append(PlanException(kind: .supplyGap, family: family.family, month: m.month, value: .quantity(gap)))
                }
                if let deviation = m.deviation, deviation < -thresholds.belowBudget {
                    found.append(PlanException(kind: .belowBudget, family: family.family, month: m.month, value: .ratio(deviation), limit: .ratio(-thresholds.belowBudget)))
                }
            }
        }
        for resource in resources {
            for m in resource.months {
                if let utilisation = m.utilisation, utilisation > thresholds.overCapacity {
                    found.append(PlanException(kind: .overCapacity, resource: resource.resource, month: m.month, value: .ratio(utilisation), limit: .ratio(thresholds.overCapacity)))
                }
            }
        }
        for (family, wmape) in forecastError where wmape > thresholds.forecastError {
            found.append(PlanException(kind: .forecastError, family: family, value: .ratio(wmape), limit: .ratio(thresholds.forecastError)))
        }
        return found.sorted(by: order)
    }
}
