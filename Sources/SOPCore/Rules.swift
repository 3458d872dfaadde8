import Foundation

/// The checks behind each command: who may act, in which stage state, on what content.
/// Each throws a refusal that names the rule and what would make the command pass.
struct Rules {
    let cycle: CycleState
    let team: Team

    func stage(_ id: String) throws(Refusal) -> Stage { try cycle.workflow.requireStage(id) }

    func permit(_ command: GuardedCommand, _ actor: Participant, towards subject: Permissions.Subject = .init()) throws(Refusal) {
        try Permissions.check(command, actor, team: team, workflow: cycle.workflow, towards: subject)
    }

    func reason(_ text: String, for command: String) throws(Refusal) -> String {
        guard let reason = Optional(text).nonBlank else {
            throw Refusal(.badArgument, "\(command) needs a reason", fix: "say why with --reason \"...\"")
        }
        return reason
    }

    /// Submitting: the owner role, a contributor role, or the leader; never while waiting or waived.
    func mayChangeInputs(_ stage: Stage, by actor: Participant) throws(Refusal) {
        try Permissions.check(.submit, actor, team: team, workflow: cycle.workflow, towards: .init(stage: stage))
        switch cycle.state(of: stage.id) {
        case .waiting:
            throw Refusal(.gate, "\(stage.id) is waiting for \(blockers(stage).andList)", fix: "finish or waive \(blockers(stage).andList) first")
        case .waived:
            throw Refusal(.stageState, "\(stage.id) was waived this cycle", fix: "a waived stage takes no inputs; submit in the next cycle")
        case .open, .review, .done:
            return
        }
    }

    func accepts(_ content: Submission, for input: InputSpec, of stage: Stage) throws(Refusal) {
        let target = "\(stage.id) \(input.id)"
        try cycle.workflow.limits.check(content, target: target, stage: stage.id, input: input.id)
        switch (input.format, content) {
        case (.csv, .file(let name, let bytes, _)):
            if let kind = input.plan {
                // Read into values here so a file the plan figures could not use never becomes a version.
                _ = try PlanFileReading.table(bytes, fileName: name, input: input, kind: kind)
            } else {
                try CSVCheck.check(bytes, fileName: name, required: input.columns)
            }
        case (.csv, _):
            throw Refusal(.inputFormat, "\(target) takes a CSV file", fix: "submit a file: submit \(stage.id) \(input.id) PATH.csv")
        case (.link, .link(let url)):
            guard url.contains("://"), !url.contains(where: \.isWhitespace) else {
                throw Refusal(.inputFormat, "'\(url)' is not a URL", fix: "give a full address such as https://erp.example.com/plans/42")
            }
        case (.link, _):
            throw Refusal(.inputFormat, "\(target) takes a link", fix: "submit it with --link URL")
        case (.text, .file(let name, let bytes, _)):
            if String(data: bytes, encoding: .utf8) == nil {
                throw Refusal(.inputFormat, "\(name) is not UTF-8 text", fix: "save it as UTF-8 text, or submit with --note TEXT")
            }
        case (.text, .link):
            throw Refusal(.inputFormat, "\(target) takes text", fix: "submit a text file, or --note TEXT")
        case (_, .note(let text)):
            if Optional(text).nonBlank == nil {
                throw Refusal(.inputFormat, "the note is empty", fix: "write the note's text after --note")
            }
        case (.any, _):
            return
        }
    }

    /// Picks the sign-off role: the requested one, else the first of the stage's roles the actor holds
    /// that lacks a current sign-off.
    func signoffRole(_ stage: Stage, by actor: Participant, requested: String?) throws(Refusal) -> String {
        let record = cycle.record(stage.id)
        let held = stage.signoffs.filter(actor.holds)
        try Permissions.check(.signoff, actor, team: team, workflow: cycle.workflow, towards: .init(stage: stage))
        switch cycle.state(of: stage.id) {
        case .waiting:
            throw Refusal(.gate, "\(stage.id) is waiting for \(blockers(stage).andList)", fix: "it can be signed off once those are done and its inputs are in")
        case .open:
            let missing = stage.inputs.filter { record.inputs[$0.id]?.isCurrent != true }.map(\.id)
            throw Refusal(
                .stageState, "\(stage.id) is open: input\(missing.count == 1 ? "" : "s") \(missing.andList) \(missing.count == 1 ? "is" : "are") not in (missing or rejected)",
                fix: "submit \(missing.count == 1 ? "it" : "them") first")
        case .waived:
            throw Refusal(.stageState, "\(stage.id) was waived", fix: "a waived stage needs no sign-off")
        case .review, .done:
            break
        }
        let blocked = blockers(stage)
        if !blocked.isEmpty {
            throw Refusal(.gate, "\(stage.id) cannot be signed off while upstream \(blocked.andList) \(blocked.count == 1 ? "is" : "are") not done", fix: "finish \(blocked.andList) first")
        }
        func isCurrent(_ role: String) -> Bool {
            record.signoffs[role].map { cycle.staleness(of: $0, in: stage) == nil } ?? false
        }
        if let requested {
            guard stage.signoffs.contains(requested) else {
                throw Refusal(.badArgument, "\(stage.id) has no sign-off role '\(requested)'", fix: "use one of: \(stage.signoffs.orList)")
            }
            guard actor.holds(requested) else {
                throw Refusal(.permission, "\(actor.id) does not hold the role \(requested)", fix: "use one of your roles: \(held.orList)")
            }
            if isCurrent(requested), let by = record.signoffs[requested]?.by {
                throw Refusal(.alreadySigned, "\(stage.id) is already signed off as \(requested) by \(by)", fix: "nothing to do; a resubmission would ask for a new sign-off")
            }
            return requested
        }
        if let role = held.first(where: { !isCurrent($0) }) { return role }
        let by = held.compactMap { record.signoffs[$0].map { "\($0.role) by \($0.by)" } }
        throw Refusal(.alreadySigned, "\(stage.id) is already signed off as \(by.andList)", fix: "nothing to do; a resubmission would ask for a new sign-off")
    }

    /// Rejecting: a sign-off role holder or the leader, on inputs that are in.
    func rejectable(_ stage: Stage, input: String?, by actor: Participant) throws(Refusal) -> [String] {
        try Permissions.check(.reject, actor, team: team, workflow: cycle.workflow, towards: .init(stage: stage))
        let state = cycle.state(of: stage.id)
        if state == .waiting || state == .waived {
            throw Refusal(.stageState, "\(stage.id) is \(state.rawValue): there is nothing to reject", fix: "reject a stage once inputs are submitted")
        }
        let record = cycle.record(stage.id)
        let submitted = stage.inputs.filter { record.inputs[$0.id]?.isCurrent == true }.map(\.id)
        if let input {
            guard stage.input(input) != nil else {
                throw Refusal(.unknownInput, "\(stage.id) has no input '\(input)'", fix: "use one of: \(stage.inputs.map(\.id).orList)")
            }
            guard submitted.contains(input) else {
                throw Refusal(.stageState, "\(stage.id) \(input) has no current submission to reject", fix: "reject one that is in: \(submitted.orList)")
            }
            return [input]
        }
        guard !submitted.isEmpty else {
            throw Refusal(.stageState, "\(stage.id) has no submitted inputs to reject", fix: "reject once an input is submitted")
        }
        return submitted
    }

    /// A stage's `requires:`: with `decisions`, every proposal due this cycle is decided or deferred and
    /// the cycle has at least one decision.
    func requirementsMet(_ stage: Stage, _ register: FollowUpRegister) throws(Refusal) {
        let missing = cycle.unmet(stage, register)
        guard !missing.isEmpty else { return }
        let fix = register.openProposals(of: cycle.id).first.map {
            "the sponsor decides with `decide \($0.label) TEXT --rationale TEXT`, or defers with `defer \($0.label) --to YYYY-MM --reason TEXT`"
        } ?? "the sponsor records one with `decide TEXT --rationale TEXT`"
        throw Refusal(.decisionsPending, "\(stage.id) cannot be signed off yet: \(missing.map(\.refusalWords).joined(separator: "; "))", fix: fix)
    }

    func blockers(_ stage: Stage) -> [String] {
        stage.after.filter { !cycle.state(of: $0).isComplete }
    }
}
