import Foundation
import SOPCore
import Yams

/// Reads the top level of a workflow file (id, title, calendar, roles, deciders, agenda, the
/// workflow-wide escalation ladders and the notify hook) and hands stages to StageReader.
struct WorkflowReader {
    let nodes: NodeReader

    static let keys = [
        "workflow", "title", "calendar", "roles", "stages", "deciders", "agenda", "signoff-escalation",
        "action-escalation", "notify", "proposers", "limits", "exceptions",
    ]
    static let agendaKeys = ["constraints"]

    private var log: DiagnosticLog { nodes.log }

    /// The workflow, or nil when anything was wrong (every problem is in the log).
    func read(_ root: Node) -> Workflow? {
        if root.mappingHas("team"), !root.mappingHas("workflow") {
            log.error(
                "this is a team file, not a workflow (a workflow file starts with `workflow: ID`)",
                at: root.position)
            return nil
        }
        guard
            let top = nodes.fields(
                root, of: "the workflow file", allowed: Self.keys,
                hint: "a workflow file starts with `workflow: ID`")
        else { return nil }

        let id = nodes.require(
            "workflow", in: top,
            "missing required key 'workflow' (add `workflow: ID` naming the workflow, e.g. `workflow: monthly-sop`)"
        ).flatMap { nodes.id($0, "workflow id", example: "monthly-sop") }
        let title = top["title"].flatMap {
            nodes.text($0, "title", hint: "write it like `title: Monthly Sales & Operations Planning`")
        }
        let calendar = top["calendar"].map(readCalendar) ?? WorkCalendar()
        let (roles, catalog) = readRoles(top)
        let deciders = catalog.list(
            top["deciders"], "deciders", example: "deciders: [finance]", nodes: nodes)
        // Absent and empty differ: `proposers: []` leaves proposing to the leader alone.
        let proposers = top["proposers"].map {
            catalog.list($0, "proposers", example: "proposers: [supply, finance]", nodes: nodes)
        }
        let limits = top["limits"].map(LimitsReader(nodes: nodes).read) ?? SubmissionLimits()
        let exceptions = top["exceptions"].map(ExceptionsReader(nodes: nodes).read) ?? .defaults
        let constraints = top["agenda"].map(readAgenda) ?? []
        let ladders = LadderReader(nodes: nodes, roles: catalog)
        let signoffEscalation = top["signoff-escalation"].map {
            ladders.read(
                $0, names: .workflow("signoff-escalation"), counting: "workdays a stage has waited in review",
                aliases: [
                    EscalationStep.signersAlias: "the holders of the sign-offs still missing",
                    EscalationStep.ownerAlias: "the stage's owner",
                ])
        } ?? []
        let actionEscalation = top["action-escalation"].map {
            ladders.read(
                $0, names: .workflow("action-escalation"), counting: "workdays an action is past its due date",
                aliases: [EscalationStep.ownerAlias: "the action's owner"])
        } ?? []
        let notify = top["notify"].flatMap(readNotify)
        let drafts = readStages(top, roles: catalog)
        let validation = WorkflowValidation(log: log)
        validation.check(drafts)
        validation.checkPlanKinds(drafts)
        validation.checkStages(constraints, in: "constraints of agenda", drafts: drafts)

        guard log.isEmpty, let id else { return nil }
        return Workflow(
            id: id, title: title ?? id, calendar: calendar, roles: roles, stages: drafts.map(\.stage),
            deciders: deciders, agenda: AgendaSources(constraints: constraints.map(\.value)),
            signoffEscalation: signoffEscalation, actionEscalation: actionEscalation, notify: notify,
            proposers: proposers, limits: limits, exceptions: exceptions)
    }

    private func readRoles(_ top: Fields) -> ([Role], RoleCatalog) {
        let hint = "write it like `demand: Demand planner`, one role per line"
        guard
            let node = nodes.require(
                "roles", in: top,
                "missing required key 'roles' (add a `roles:` mapping of role id to title; `leader` and `sponsor` are required)"
            )
        else { return ([], RoleCatalog(ids: nil)) }
        guard case .mapping(let mapping) = node else {
            log.error("roles must be a mapping of role id to title, not \(node.shapeName) (\(hint))", at: node.position)
            return ([], RoleCatalog(ids: nil))
        }
        var roles: [Role] = []
        for (key, value) in mapping {
            guard let id = nodes.id(key, "role id", example: "demand") else { continue }
            if roles.contains(where: { $0.id == id }) {
                log.error("duplicate role '\(id)' (define each role once)", at: key.position)
                continue
            }
            roles.append(Role(id: id, title: readRoleTitle(value, of: id)))
        }
        let ids = roles.map(\.id)
        let defaults = ["leader": "S&OP leader", "sponsor": "Executive sponsor"]
        for required in Workflow.requiredRoles where !ids.contains(required) {
            log.error(
                "missing required role '\(required)' (add `\(required): \(defaults[required] ?? required)` under roles; "
                    + "every workflow needs a leader to run it and a sponsor to decide)",
                at: top.keyPosition("roles"))
        }
        return (roles, RoleCatalog(ids: ids))
    }

    /// A role is usually `id: Title`; the `{title: ...}` form leaves room for more per-role keys later.
    private func readRoleTitle(_ node: Node, of id: String) -> String {
        let hint = "write it like `\(id): Demand planner`"
        if case .mapping = node {
            let fields = nodes.fields(node, of: "role '\(id)'", allowed: ["title"], hint: hint)
            return fields?["title"].flatMap { nodes.text($0, "title of role '\(id)'", hint: hint) } ?? id
        }
        return nodes.text(node, "title of role '\(id)'", hint: hint) ?? id
    }

    private func readCalendar(_ node: Node) -> WorkCalendar {
        var calendar = WorkCalendar()
        guard
            let fields = nodes.fields(
                node, of: "calendar", allowed: ["workdays", "holidays", "zone"],
                hint: "write it like `calendar: { zone: Europe/Paris, workdays: [mon, tue, wed, thu, fri], holidays: [2026-12-25] }`")
        else { return calendar }

        let allDays = Weekday.allCases.map(\.rawValue)
        if let node = fields["workdays"],
            let words = nodes.words(node, "workdays", hint: "write it like `workdays: [mon, tue, wed, thu, fri]`")
        {
            if node.isEmptyList {
                log.error(
                    "workdays is empty (list the days work happens on, e.g. [mon, tue, wed, thu, fri], or remove the key)",
                    at: node.isNull ? fields.keyPosition("workdays") : node.position)
            }
            let days = words.compactMap { word -> Weekday? in
                guard let day = Weekday(rawValue: word.value) else {
                    log.error(
                        "unknown workday '\(word.value)' (\(Hints.didYouMean(word.value, among: allDays))"
                            + "workdays are: \(Hints.list(allDays)))",
                        at: word.position)
                    return nil
                }
                return day
            }
            if !days.isEmpty { calendar.workdays = days }
        }
        if let node = fields["holidays"],
            let words = nodes.words(node, "holidays", hint: "write it like `holidays: [2026-12-25, 2027-01-01]`")
        {
            calendar.holidays = words.compactMap { word -> Day? in
                guard let day = Day(word.value) else {
                    log.error(
                        "bad holiday '\(word.value)' (holidays are real dates written YYYY-MM-DD, e.g. 2026-12-25)",
                        at: word.position)
                    return nil
                }
                return day
            }
        }
        if let node = fields["zone"], let name = nodes.text(node, "zone", hint: "write an IANA time zone, e.g. `zone: Europe/Paris`") {
            if TimeZone(identifier: name) != nil, name.contains("/") || name == "UTC" {
                calendar.zone = name
            } else {
                let close = TimeZone.knownTimeZoneIdentifiers.filter { $0.lowercased().hasSuffix("/" + name.lowercased()) || $0.lowercased() == name.lowercased() }
                log.error(
                    "unknown time zone '\(name)' (\(close.isEmpty ? "" : "did you mean \(Hints.list(close))? ")"
                        + "write an IANA name, Area/City, e.g. Europe/Paris or America/Chicago: what day it is for everyone in the cycle)",
                    at: node.position)
            }
        }
        return calendar
    }

    /// `agenda:` names the stages whose records feed the agenda's sections; the stage ids are checked
    /// once every stage has been read.
    private func readAgenda(_ node: Node) -> [Located<String>] {
        guard
            let fields = nodes.fields(
                node, of: "agenda", allowed: Self.agendaKeys,
                hint: "write it like `agenda: { constraints: [supply-review] }`")
        else { return [] }
        return fields["constraints"].flatMap {
            nodes.words($0, "constraints of agenda", hint: "write it like `constraints: [supply-review]`")
        } ?? []
    }

    /// `notify: { command: [ARGV...], timeout: SECONDS }`: the program run once per notification.
    private func readNotify(_ node: Node) -> NotifyCommand? {
        let hint = "write it like `notify: { command: [/usr/local/bin/sop-mail, --from, sop@example.com], timeout: 10 }`"
        guard let fields = nodes.fields(node, of: "notify", allowed: ["command", "timeout"], hint: hint) else { return nil }
        var command: [String] = []
        if let node = nodes.require(
            "command", in: fields, "notify has no command (add `command: [PROGRAM, ARGS...]`, run once per notification)")
        {
            if case .scalar = node, let word = nodes.text(node, "command of notify", hint: hint) {
                command = [word]
            } else if let items = nodes.list(node, "command of notify", hint: hint) {
                command = items.compactMap { nodes.text($0, "an argument of the notify command", hint: hint) }
                if items.isEmpty {
                    log.error("command of notify is empty (name the program to run, e.g. [/usr/sbin/sendmail, -t])", at: node.position)
                }
            }
        }
        var timeout = NotifyCommand.defaultTimeout
        if let node = fields["timeout"] {
            if let value = NodeReader.wholeNumber(node), (1...300).contains(value) {
                timeout = Double(value)
            } else {
                log.error(
                    "bad timeout \(NodeReader.written(node)) in notify (seconds before a hanging command is stopped: "
                        + "a whole number from 1 to 300)",
                    at: node.position)
            }
        }
        return command.isEmpty ? nil : NotifyCommand(command: command, timeout: timeout)
    }

    private func readStages(_ top: Fields, roles: RoleCatalog) -> [StageDraft] {
        guard
            let node = nodes.require(
                "stages", in: top, "missing required key 'stages' (add a `stages:` list with at least one stage)"),
            let items = nodes.list(
                node, "stages", hint: "list stages like `- { id: demand-review, owner: demand, signoffs: [demand] }`")
        else { return [] }
        if items.isEmpty {
            log.error("stages is empty (add at least one stage)", at: top.keyPosition("stages"))
        }
        let reader = StageReader(nodes: nodes, roles: roles)
        return items.enumerated().compactMap { reader.read($0.element, number: $0.offset + 1) }
    }
}

extension Node {
    /// Peeks at a key before the mapping is validated, to tell file kinds apart and to name entries.
    func mappingHas(_ key: String) -> Bool { mapping?[key] != nil }

    /// The scalar under `key`, if this is a mapping that has one; used only to label messages.
    func peek(_ key: String) -> String? {
        guard let value = mapping?[key], case .scalar(let scalar) = value, !value.isNull else { return nil }
        return scalar.string
    }
}
