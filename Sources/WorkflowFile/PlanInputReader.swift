import SOPCore
import Yams

/// The plan keys of a CSV input: `plan: KIND` and `columns:` as a mapping from the kind's column names
/// to the file's own headers (`{ family: Product family, quantity: Units }`), since real exports
/// never use our names.
extension StageReader {
    static var planKinds: [String] { PlanKind.allCases.map(\.rawValue) }

    /// The kind, or nil (with the reason logged) when it is unknown or the input is not a CSV file.
    func readPlan(_ node: Node, of label: String, format: InputFormat?, fields: Fields) -> Located<PlanKind>? {
        let kinds = Self.planKinds
        guard let word = nodes.text(node, "plan of \(label)", hint: "plan kinds are: \(Hints.list(kinds))") else { return nil }
        guard let kind = PlanKind(rawValue: word) else {
            nodes.log.error(
                "unknown plan kind '\(word)' for \(label) (\(Hints.didYouMean(word, among: kinds))plan kinds are: \(Hints.list(kinds)))",
                at: node.position)
            return nil
        }
        // With an unreadable format the mismatch would only repeat that error.
        if let format, format != .csv {
            nodes.log.error(
                "plan given for \(label) whose format is \(format.rawValue) (a plan is read from a CSV file: "
                    + "add `format: csv` or remove plan)",
                at: fields.keyPosition("plan"))
            return nil
        }
        return Located(value: kind, position: node.position)
    }

    /// `columns: { KINDCOLUMN: File header }`; every key must be a column of the kind and every header
    /// non-empty and used once.
    func readMapping(_ node: Node, of label: String, kind: PlanKind, fields: Fields) -> [PlanColumn: String] {
        guard case .mapping(let mapping) = node else { return [:] }
        let names = kind.columns.map(\.rawValue)
        let what = "columns of \(label)"
        if mapping.isEmpty {
            nodes.log.error(
                "\(what) is empty (map the \(kind.rawValue) plan's columns to the file's headers, "
                    + "e.g. `{ \(names[0]): \(Self.exampleHeader(kind.columns[0])) }`, or remove the key)",
                at: fields.keyPosition("columns"))
        }
        var headers: [PlanColumn: String] = [:]
        var usedBy: [String: PlanColumn] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode, !keyNode.isNull,
                let column = PlanColumn(rawValue: scalar.string), kind.columns.contains(column)
            else {
                let key = keyNode.isNull ? "" : (keyNode.scalar?.string ?? keyNode.shapeName)
                nodes.log.error(
                    "'\(key)' in \(what) is not a column of a \(kind.rawValue) plan (\(Hints.didYouMean(key, among: names))"
                        + "its columns are: \(Hints.list(names)))",
                    at: keyNode.position)
                continue
            }
            guard
                let header = nodes.text(
                    value, "the header for \(column.rawValue) in \(what)",
                    hint: "write the file's own header for it, like `\(column.rawValue): \(Self.exampleHeader(column))`")
            else { continue }
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            if let other = usedBy[trimmed.lowercased()] {
                nodes.log.error(
                    "header '\(trimmed)' in \(what) is given for both \(other.rawValue) and \(column.rawValue) "
                        + "(each column of the plan reads its own header)",
                    at: value.position)
                continue
            }
            usedBy[trimmed.lowercased()] = column
            headers[column] = trimmed
        }
        return headers
    }

    /// `columns: [family, month, quantity]` on a plan input: our own names, no mapping; each must be
    /// a column of the kind.
    func checkOwnNames(_ words: [Located<String>], of label: String, kind: PlanKind) {
        let names = kind.columns.map(\.rawValue)
        for word in words where PlanColumn(rawValue: word.value).map(kind.columns.contains) != true {
            nodes.log.error(
                "'\(word.value)' in columns of \(label) is not a column of a \(kind.rawValue) plan "
                    + "(\(Hints.didYouMean(word.value, among: names))its columns are: \(Hints.list(names)); "
                    + "to read a file's own header, map it like `columns: { quantity: \(word.value) }`)",
                at: word.position)
        }
    }

    private static func exampleHeader(_ column: PlanColumn) -> String {
        switch column {
        case .family: "Product family"
        case .resource: "Work centre"
        case .month: "Period"
        case .quantity: "Units"
        case .revenue: "Net sales"
        case .margin: "Gross margin"
        case .available: "Available hours"
        case .required: "Load hours"
        case .safetyStock: "Safety stock"
        }
    }
}

extension WorkflowValidation {
    /// A cycle has one plan of record per kind, so a workflow holds at most one input of each.
    func checkPlanKinds(_ drafts: [StageDraft]) {
        var first: [PlanKind: (input: String, position: Position)] = [:]
        for draft in drafts {
            for plan in draft.plans {
                let kind = plan.kind.value.rawValue
                let input = "input '\(plan.input)' of stage '\(draft.stage.id)'"
                if let earlier = first[plan.kind.value] {
                    log.error(
                        "a second \(kind) plan: \(input) (the \(kind) plan is already \(earlier.input), line \(earlier.position.line); "
                            + "a workflow has one input of each plan kind)",
                        at: plan.kind.position)
                } else {
                    first[plan.kind.value] = (input, plan.kind.position)
                }
            }
        }
    }
}
