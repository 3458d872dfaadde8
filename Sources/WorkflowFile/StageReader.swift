import SOPCore
import Yams

/// A stage as read, plus where its id and gate entries were written, for the checks that need all stages.
struct StageDraft {
    var stage: Stage
    var idPosition: Position
    var after: [Located<String>]
    /// The stage a relative `due: { after: STAGE, ... }` counts from, checked once all stages are read.
    var dueAnchor: Located<String>?
    /// Each plan input's kind and where `plan:` was written, for the one-input-per-kind check.
    var plans: [PlanInputDraft] = []
}

/// A plan input as read: its id, its kind and where `plan:` was written.
struct PlanInputDraft {
    var input: String
    var kind: Located<PlanKind>
}

/// Reads one entry of `stages:`: owner, gate, due day, inputs, sign-offs, escalation ladder and requirements.
struct StageReader {
    let nodes: NodeReader
    let roles: RoleCatalog

    static let keys = [
        "id", "title", "owner", "after", "due", "contributors", "inputs", "signoffs", "escalation", "requires",
    ]
    /// The Nth workday: every month has at least 23 weekdays minus holidays, so a larger N is a mistake.
    static let dueRange = 1...23
    /// Workdays after an upstream stage: 0 (the same day) up to about a quarter.
    static let relativeDueRange = 0...60
    static let dueHint =
        "due is the Nth workday of the month, a whole number from \(dueRange.lowerBound) to \(dueRange.upperBound), "
        + "or `{ after: STAGE, workdays: N }` counting from the day an upstream stage was done"

    private var log: DiagnosticLog { nodes.log }

    func read(_ node: Node, number: Int) -> StageDraft? {
        let label = node.peek("id").map { "stage '\($0)'" } ?? "stage #\(number)"
        guard
            let fields = nodes.fields(
                node, of: label, allowed: Self.keys,
                hint: "a stage needs id, owner and signoffs; optional: title, after, due, contributors, inputs, "
                    + "escalation, requires")
        else { return nil }

        let idNode = nodes.require("id", in: fields, "\(label) has no id (add `id: ...`, e.g. `id: demand-review`)")
        let id = idNode.flatMap { nodes.id($0, "stage id", example: "demand-review") } ?? ""
        let title = fields["title"].flatMap {
            nodes.text($0, "title of \(label)", hint: "write it like `title: Demand review`")
        }

        var owner = ""
        if let node = nodes.require(
            "owner", in: fields,
            "\(label) has no owner (add `owner: ROLE` naming the role that runs it\(roles.listing))"),
            let value = nodes.text(node, "owner of \(label)", hint: "write it like `owner: demand`")
        {
            owner = value
            roles.check(Located(value: value, position: node.position), in: "owner of \(label)", log: log)
        }

        let after = fields["after"].flatMap {
            nodes.words($0, "after of \(label)", hint: "write it like `after: [data-gathering]`")
        } ?? []

        let (due, dueAnchor) = fields["due"].map { readDue($0, of: label) } ?? (nil, nil)

        let contributors = roleList(fields["contributors"], "contributors of \(label)", example: "[sales]")
        let (inputs, plans) = fields["inputs"].map { readInputs($0, of: label) } ?? ([], [])

        var signoffs: [String] = []
        if let node = nodes.require(
            "signoffs", in: fields,
            "\(label) has no signoffs (add `signoffs: [ROLE, ...]` naming the roles that must approve it)")
        {
            signoffs = roleList(node, "signoffs of \(label)", example: "[demand, sales]")
            if node.isEmptyList {
                log.error(
                    "\(label) has empty signoffs (name at least one role that must approve it, e.g. `signoffs: [demand]`)",
                    at: node.isNull ? fields.keyPosition("signoffs") : node.position)
            }
        }

        let escalation = fields["escalation"].map {
            LadderReader(nodes: nodes, roles: roles).read(
                $0, names: .stage(label), counting: "workdays past due",
                aliases: [EscalationStep.ownerAlias: "the stage's owner"])
        } ?? []
        let requires = fields["requires"].map { readRequires($0, of: label) } ?? []

        let stage = Stage(
            id: id, title: title ?? id, owner: owner, after: after.map(\.value), due: due,
            contributors: contributors, inputs: inputs, signoffs: signoffs, escalation: escalation,
            requires: requires)
        return StageDraft(
            stage: stage, idPosition: idNode?.position ?? fields.position, after: after, dueAnchor: dueAnchor, plans: plans)
    }

    /// `due: N`, or `due: { after: STAGE, workdays: N }`; the anchor stage is returned for the
    /// whole-workflow check that it is upstream of this one.
    private func readDue(_ node: Node, of label: String) -> (DueRule?, Located<String>?) {
        guard case .mapping = node else {
            if let value = NodeReader.wholeNumber(node), Self.dueRange.contains(value) { return (.workday(value), nil) }
            log.error("bad due \(NodeReader.written(node)) in \(label) (\(Self.dueHint))", at: node.position)
            return (nil, nil)
        }
        let what = "due of \(label)"
        guard
            let fields = nodes.fields(
                node, of: what, allowed: ["after", "workdays"], hint: "write it like `due: { after: demand-review, workdays: 3 }`")
        else { return (nil, nil) }
        let anchorNode = nodes.require(
            "after", in: fields, "\(what) has no after (add `after: STAGE`, the upstream stage the workdays count from)")
        let anchor = anchorNode.flatMap { nodes.id($0, "after of \(what)", example: "demand-review") }
        var workdays: Int?
        if let node = nodes.require(
            "workdays", in: fields, "\(what) has no workdays (add `workdays: N`, how many workdays after that stage is done)")
        {
            if let value = NodeReader.wholeNumber(node), Self.relativeDueRange.contains(value) {
                workdays = value
            } else {
                log.error(
                    "bad workdays \(NodeReader.written(node)) in \(what) (a whole number from "
                        + "\(Self.relativeDueRange.lowerBound) to \(Self.relativeDueRange.upperBound))",
                    at: node.position)
            }
        }
        guard let anchor, let anchorNode, let workdays else { return (nil, nil) }
        return (.after(stage: anchor, workdays: workdays), Located(value: anchor, position: anchorNode.position))
    }

    /// A list of role ids, each checked against the workflow's roles.
    private func roleList(_ node: Node?, _ what: String, example: String) -> [String] {
        roles.list(node, what, example: example, nodes: nodes)
    }

    /// `requires:` names records the stage needs before its sign-off, from a fixed set.
    private func readRequires(_ node: Node, of label: String) -> [StageRequirement] {
        let valid = StageRequirement.allCases.map(\.rawValue)
        let what = "requires of \(label)"
        guard let words = nodes.words(node, what, hint: "write it like `requires: [decisions]`") else { return [] }
        return words.compactMap { word -> StageRequirement? in
            guard let requirement = StageRequirement(rawValue: word.value) else {
                log.error(
                    "unknown requirement '\(word.value)' in \(what) (\(Hints.didYouMean(word.value, among: valid))"
                        + "requirements are: \(Hints.list(valid)))",
                    at: word.position)
                return nil
            }
            return requirement
        }
    }

    private func readInputs(_ node: Node, of label: String) -> ([InputSpec], [PlanInputDraft]) {
        guard
            let items = nodes.list(
                node, "inputs of \(label)",
                hint: "list input ids, or mappings like `{ id: forecast, format: csv, columns: [family, month, quantity] }`")
        else { return ([], []) }
        var firstSeen: [String: Position] = [:]
        var inputs: [InputSpec] = []
        var plans: [PlanInputDraft] = []
        for item in items {
            guard let (input, plan) = readInput(item, of: label) else { continue }
            if let first = firstSeen[input.value.id] {
                log.error(
                    "duplicate input id '\(input.value.id)' in \(label) (it was already used at line \(first.line); "
                        + "give each input its own id)",
                    at: input.position)
                continue
            }
            firstSeen[input.value.id] = input.position
            inputs.append(input.value)
            if let plan { plans.append(PlanInputDraft(input: input.value.id, kind: plan)) }
        }
        return (inputs, plans)
    }

    /// An input is a bare id, or a mapping when it needs a title, a format or CSV columns.
    private func readInput(_ node: Node, of stage: String) -> (Located<InputSpec>, Located<PlanKind>?)? {
        if case .scalar = node {
            guard let id = nodes.id(node, "input id", example: "demand-assumptions") else { return nil }
            return (Located(value: InputSpec(id: id), position: node.position), nil)
        }
        let label = node.peek("id").map { "input '\($0)' of \(stage)" } ?? "an input of \(stage)"
        let formats = InputFormat.allCases.map(\.rawValue)
        guard
            let fields = nodes.fields(
                node, of: label, allowed: ["id", "title", "format", "columns", "plan"],
                hint: "write an input as a bare id, or like `{ id: forecast, format: csv, columns: [family, month, quantity] }`"),
            let idNode = nodes.require(
                "id", in: fields, "\(label) has no id (add `id: ...`, e.g. `id: unconstrained-forecast`)"),
            let id = nodes.id(idNode, "input id", example: "unconstrained-forecast")
        else { return nil }

        let title = fields["title"].flatMap {
            nodes.text($0, "title of \(label)", hint: "write it like `title: Unconstrained demand forecast`")
        }
        var format: InputFormat? = .any
        if let node = fields["format"],
            let word = nodes.text(node, "format of \(label)", hint: "formats are: \(Hints.list(formats))")
        {
            format = InputFormat(rawValue: word)
            if format == nil {
                log.error(
                    "unknown format '\(word)' for \(label) (\(Hints.didYouMean(word, among: formats))"
                        + "formats are: \(Hints.list(formats)))",
                    at: node.position)
            }
        }
        let plan = fields["plan"].flatMap { readPlan($0, of: label, format: format, fields: fields) }
        var columns: [String] = []
        var planHeaders: [PlanColumn: String] = [:]
        if let node = fields["columns"], case .mapping = node {
            if let kind = plan?.value {
                planHeaders = readMapping(node, of: label, kind: kind, fields: fields)
            } else if fields["plan"] == nil {
                log.error(
                    "columns of \(label) is a mapping, which maps a plan's columns to the file's headers (add `plan: KIND`, "
                        + "or list the header columns the CSV must have, like `columns: [family, month, quantity]`)",
                    at: node.position)
            }
        } else if let node = fields["columns"] {
            // With an unreadable format the mismatch would only repeat that error.
            if let format, format != .csv {
                log.error(
                    "columns given for \(label) whose format is \(format.rawValue) (columns apply only to CSV inputs: "
                        + "add `format: csv` or remove columns)",
                    at: fields.keyPosition("columns"))
            }
            if let words = nodes.words(node, "columns of \(label)", hint: "write it like `columns: [family, month, quantity]`") {
                if node.isEmptyList {
                    log.error(
                        "columns of \(label) is empty (list the header columns the CSV must have, "
                            + "e.g. [family, month, quantity], or remove the key)",
                        at: fields.keyPosition("columns"))
                }
                columns = words.map(\.value)
                if let kind = plan?.value { checkOwnNames(words, of: label, kind: kind) }
            }
        }
        let spec = InputSpec(
            id: id, title: title, format: format ?? .any, columns: columns, plan: plan?.value, planHeaders: planHeaders)
        return (Located(value: spec, position: idNode.position), plan)
    }
}
