import Foundation

/// What a plan input holds, declared in the workflow as `plan: KIND` on a CSV input. Each kind has
/// its own columns (the kind's names; a workflow maps them to the file's own headers).
public enum PlanKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The unconstrained demand forecast.
    case demand
    /// The constrained supply plan.
    case supply
    /// What was sold in past months.
    case actuals
    /// On hand at the start of the cycle's month.
    case inventory
    /// Per resource and month: what is available and what the plan requires.
    case capacity
    /// Revenue (and margin) of the plan.
    case finance
    /// The operating budget.
    case budget

    /// The kind's columns, in the order a template file would list them.
    public var columns: [PlanColumn] {
        switch self {
        case .demand, .supply: [.family, .month, .quantity]
        case .actuals: [.family, .month, .quantity, .revenue]
        case .inventory: [.family, .quantity, .safetyStock]
        case .capacity: [.resource, .month, .available, .required]
        case .finance: [.family, .month, .revenue, .margin]
        case .budget: [.family, .month, .revenue]
        }
    }

    /// Columns a file may leave out.
    public var optionalColumns: Set<PlanColumn> {
        switch self {
        case .actuals: [.revenue]
        case .inventory: [.safetyStock]
        case .finance: [.margin]
        default: []
        }
    }

    public var requiredColumns: [PlanColumn] { columns.filter { !optionalColumns.contains($0) } }

    /// What identifies a row: no two rows of one file may share it.
    public var key: [PlanColumn] {
        switch self {
        case .inventory: [.family]
        case .capacity: [.resource, .month]
        default: [.family, .month]
        }
    }
}

/// A column of a plan kind, by our name (`safety_stock` as written in a workflow's mapping).
public enum PlanColumn: String, Sendable, Hashable, Codable, CaseIterable {
    case family, resource, month, quantity, revenue, margin, available, required
    case safetyStock = "safety_stock"

    /// Whether a number in this column may be negative (a margin can; a quantity never).
    public var allowsNegative: Bool {
        switch self {
        case .revenue, .margin: true
        default: false
        }
    }

    public var isNumber: Bool {
        switch self {
        case .family, .resource, .month: false
        default: true
        }
    }
}
