import Foundation
import SOPCore

/// `balance --json`: the keys DESIGN pins, plus `horizon`, `openingInventory`, `safetyStock`,
/// `deviation`, and each exception's `resource` and `limit`. Every key is always written (`null`
/// when there is nothing to say).
public struct BalanceJSON: Encodable, Sendable {
    var cycle: String
    var horizon: [String]
    var families: [Family]
    var resources: [Resource]
    var exceptions: [Exception]
    /// Plan inputs the workflow declares that nothing stands for yet (`{kind, stage, input}`).
    var missing: [Missing] = []
    /// Families other plans hold that the demand plan lacks.
    var familiesWithoutDemand: [String] = []

    struct Missing: Encodable, Sendable {
        var kind: String
        var stage: String
        var input: String
    }

    public init(_ balance: Balance, notes: PlanNotes) {
        self.init(balance)
        missing = notes.missing.map { Missing(kind: $0.kind.rawValue, stage: $0.stage, input: $0.input) }
        familiesWithoutDemand = notes.familiesWithoutDemand
    }

    struct Family: Encodable, Sendable {
        var family: String
        var openingInventory: Decimal
        @Nullable var safetyStock: Decimal?
        var months: [Month]
    }

    struct Month: Encodable, Sendable {
        var month: String
        var demand: Decimal
        @Nullable var supply: Decimal?
        @Nullable var gap: Decimal?
        var inventory: Decimal
        @Nullable var cover: Double?
        @Nullable var revenue: Decimal?
        @Nullable var budget: Decimal?
        @Nullable var deviation: Double?
    }

    struct Resource: Encodable, Sendable {
        var resource: String
        var months: [ResourceMonth]
    }

    struct ResourceMonth: Encodable, Sendable {
        var month: String
        var available: Decimal
        var required: Decimal
        @Nullable var utilisation: Double?
    }

    struct Exception: Encodable, Sendable {
        var kind: String
        @Nullable var family: String?
        @Nullable var resource: String?
        @Nullable var month: String?
        var value: FigureJSON
        @Nullable var limit: FigureJSON?
        var text: String
    }

    public init(_ balance: Balance) {
        cycle = "\(balance.cycle)"
        horizon = balance.horizon.map(\.description)
        families = balance.families.map { f in
            Family(
                family: f.family, openingInventory: f.openingInventory, safetyStock: f.safetyStock,
                months: f.months.map { m in
                    Month(
                        month: "\(m.month)", demand: m.demand, supply: m.supply, gap: m.gap, inventory: m.inventory, cover: m.cover,
                        revenue: m.revenue, budget: m.budget, deviation: m.deviation)
                })
        }
        resources = balance.resources.map { r in
            Resource(resource: r.resource, months: r.months.map { ResourceMonth(month: "\($0.month)", available: $0.available, required: $0.required, utilisation: $0.utilisation) })
        }
        exceptions = balance.exceptions.map { e in
            Exception(
                kind: e.kind.rawValue, family: e.family, resource: e.resource, month: e.month?.description, value: FigureJSON(e.value),
                limit: e.limit.map(FigureJSON.init), text: PlanExceptionText.sentence(e))
        }
    }
}
