import Foundation

/// One plan file read into values: the rows of a submitted demand plan, supply plan, budget...
/// Quantities and money stay `Decimal` so sums print as the planner typed them (no 0.30000000000000004);
/// ratios computed from them are `Double`.
public struct PlanTable: Sendable, Equatable {
    public var kind: PlanKind
    public var rows: [PlanRow]

    public init(kind: PlanKind, rows: [PlanRow]) {
        self.kind = kind
        self.rows = rows
    }
}

/// One row of a plan file. `family` is set for every kind but capacity, `resource` only for capacity,
/// `month` for every kind but inventory; `values` holds the number columns the file had.
public struct PlanRow: Sendable, Equatable {
    /// The line of the file the row came from, so a later finding can point at it.
    public var line: Int
    public var family: String?
    public var resource: String?
    public var month: CycleMonth?
    public var values: [PlanColumn: Decimal]

    public init(line: Int, family: String? = nil, resource: String? = nil, month: CycleMonth? = nil, values: [PlanColumn: Decimal]) {
        self.line = line
        self.family = family
        self.resource = resource
        self.month = month
        self.values = values
    }

    public subscript(column: PlanColumn) -> Decimal? { values[column] }
}
