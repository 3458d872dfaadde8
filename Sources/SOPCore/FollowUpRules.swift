/// The rules of decision requests, decisions and follow-up actions: who may, on which item, in what
/// state. Each refusal names the rule and what would make the command pass.
struct FollowUpRules {
    let rules: Rules
    let context: DecisionContext

    var cycle: CycleState { rules.cycle }
    var team: Team { rules.team }
    var register: FollowUpRegister { context.register }

    func decide(_ command: CycleCommand, by actor: Participant) throws(Refusal) -> [EventPayload] {
        switch command {
        case .propose(let text, let stageID, let options, let scenarios):
            try rules.permit(.propose, actor)
            let text = try required(text, "the proposal's text", example: "propose \"Add a second shift on line 2\"")
            var stage: String? = nil
            if let stageID { stage = try rules.stage(stageID).id }
            let offered = scenarios.isEmpty ? options : try scenarioChoices(scenarios, besides: options)
            return [.proposalRaised(ProposalRaised(number: context.next.proposal, text: text, stage: stage, options: try choices(offered)))]

        case .decide(let proposalNumber, let text, let rationale, let option, let supersedes):
            try rules.permit(.decide, actor)
            let text = try required(text, "the decision's text", example: "decide P-1 \"Approve the overtime plan\" --rationale \"...\"")
            let rationale = try required(rationale, "a rationale", example: "--rationale \"Margin stays above target\"")
            var replaced: Decision? = nil
            if let supersedes { replaced = try decisionInForce(supersedes) }
            var proposalNumber = proposalNumber
            if let replaced, let answered = replaced.proposal {
                if let given = proposalNumber, given != answered {
                    throw Refusal(
                        .badArgument, "\(replaced.label) answered \(FollowUpKind.proposal.label(answered)), not \(FollowUpKind.proposal.label(given))",
                        fix: "supersede a decision of the same proposal, or leave out the proposal")
                }
                proposalNumber = answered
            }
            var proposal: Proposal? = nil
            if let proposalNumber { proposal = try self.proposal(proposalNumber) }
            if let proposal, let earlier = proposal.decision, earlier != replaced?.number {
                let label = FollowUpKind.decision.label(earlier)
                throw Refusal(
                    .itemState, "\(proposal.label) was already decided as \(label)",
                    fix: "decisions are never edited: to change it, record a new one with --supersedes \(label)")
            }
            let chosen = try pick(option, of: proposal)
            return [.decisionRecorded(DecisionRecorded(
                number: context.next.decision, text: text, rationale: rationale, option: chosen,
                proposal: proposal?.number, supersedes: replaced?.number))]

        case .deferProposal(let number, let to, let reason):
            try rules.permit(.deferProposal, actor)
            let proposal = try proposal(number)
            if let decided = proposal.decision {
                throw Refusal(
                    .itemState, "\(proposal.label) was decided as \(FollowUpKind.decision.label(decided))",
                    fix: "only an undecided proposal can be deferred")
            }
            guard let month = CycleMonth(to) else {
                throw Refusal(.badArgument, "'\(to)' is not a month", fix: "write it as YYYY-MM, e.g. --to 2027-01")
            }
            guard month.description > cycle.id else {
                throw Refusal(
                    .badArgument, "\(proposal.label) can only be deferred to a later cycle than \(cycle.id)",
                    fix: "pick a later month, e.g. --to \(CycleMonth(cycle.id)?.next.description ?? "YYYY-MM")")
            }
            let reason = try required(reason, "a reason", example: "--reason \"Wait for the Q1 price list\"")
            return [.proposalDeferred(ProposalDeferred(number: proposal.number, to: month.description, reason: reason))]

        case .addAction(let title, let owner, let due, let decision, let stageID):
            try rules.permit(.actionAdd, actor)
            let title = try required(title, "the action's title", example: "action add \"Confirm overtime with the union\" --owner omar --due 2026-12-04")
            let owner = try participant(owner)
            if let today = context.today, due < today {
                throw Refusal(.badArgument, "the due date \(due) is in the past (today is \(today))", fix: "give a due date from \(today) on")
            }
            if let decision { _ = try self.decision(decision) }
            var stage: String? = nil
            if let stageID { stage = try rules.stage(stageID).id }
            return [.actionAdded(ActionAdded(number: context.next.action, title: title, owner: owner.id, due: due, decision: decision, stage: stage))]

        case .completeAction(let number, let note):
            let action = try openAction(number, for: .actionDone, by: actor)
            return [.actionDone(ActionDone(number: action.number, note: note.nonBlank))]

        case .cancelAction(let number, let reason):
            let action = try openAction(number, for: .actionCancel, by: actor)
            let reason = try required(reason, "a reason", example: "--reason \"Superseded by D-3\"")
            return [.actionCancelled(ActionCancelled(number: action.number, reason: reason))]

        case .reassignAction(let number, let ownerID):
            let action = try openAction(number, for: .actionReassign, by: actor)
            let owner = try participant(ownerID)
            if owner.id == action.owner {
                throw Refusal(.badArgument, "\(action.label) is already owned by \(owner.id)", fix: "name another participant with --owner")
            }
            return [.actionReassigned(ActionReassigned(number: action.number, from: action.owner, to: owner.id))]

        case .submit, .signoff, .reject, .waive, .close, .cancel, .addScenario:
            // Stage commands are decided by `CycleState.decide` itself.
            return []
        }
    }

    // MARK: lookups

    func proposal(_ number: Int) throws(Refusal) -> Proposal {
        guard let proposal = register.proposals[number] else {
            let known = register.proposals(of: cycle.id).map(\.label)
            throw Refusal(
                .unknownItem, "there is no proposal \(FollowUpKind.proposal.label(number)) in cycle \(cycle.id)",
                fix: known.isEmpty ? "raise one with `propose TEXT`" : "`proposals` lists them: \(known.orList)")
        }
        return proposal
    }

    func decision(_ number: Int) throws(Refusal) -> Decision {
        guard let decision = register.decisions[number] else {
            throw Refusal(
                .unknownItem, "there is no decision \(FollowUpKind.decision.label(number))",
                fix: "`decisions --all-cycles` lists every decision")
        }
        return decision
    }

    func decisionInForce(_ number: Int) throws(Refusal) -> Decision {
        let decision = try decision(number)
        if let newer = decision.supersededBy {
            let label = FollowUpKind.decision.label(newer)
            throw Refusal(.itemState, "\(decision.label) was already superseded by \(label)", fix: "supersede the decision in force: --supersedes \(label)")
        }
        return decision
    }

    func openAction(_ number: Int, for command: GuardedCommand, by actor: Participant) throws(Refusal) -> FollowUpAction {
        guard let action = register.actions[number] else {
            let known = register.openActions(of: cycle.id).map(\.label)
            throw Refusal(
                .unknownItem, "there is no action \(FollowUpKind.action.label(number)) in cycle \(cycle.id)",
                fix: known.isEmpty ? "there are no open actions; add one with `action add`" : "open actions: \(known.orList)")
        }
        try rules.permit(command, actor, towards: .init(action: action))
        guard action.isOpen else {
            let when = action.closedAt.map { " at \(Stamp.minute($0))" } ?? ""
            throw Refusal(
                .itemState, "\(action.label) is already \(action.state.rawValue) (by \(action.closedBy ?? "?")\(when))",
                fix: "only an open action can be completed, cancelled or reassigned; add a new one with `action add`")
        }
        return action
    }

    func participant(_ id: String) throws(Refusal) -> Participant {
        guard let participant = team.participant(id) else {
            throw Refusal(.unknownParticipant, "there is no participant '\(id)'", fix: "use one of: \(team.participants.map(\.id).orList)")
        }
        return participant
    }

    // MARK: values

    func required(_ text: String, _ what: String, example: String) throws(Refusal) -> String {
        guard let value = Optional(text).nonBlank else {
            throw Refusal(.badArgument, "\(what) is empty", fix: "give it, e.g. \(example)")
        }
        return value
    }

    /// `--options "A|B|C"`, already split: at least two distinct, non-empty choices.
    /// `--scenarios A,B`: scenarios of this cycle (or `baseline`, the submitted plan) as the options.
    func scenarioChoices(_ names: [String], besides options: [String]) throws(Refusal) -> [String] {
        guard options.isEmpty else {
            throw Refusal(.badArgument, "give either --options or --scenarios, not both", fix: "with --scenarios the scenarios are the options")
        }
        let known = cycle.scenarios.map(\.name)
        let names = names.map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names where name != Scenarios.baseline && !known.contains(name) {
            throw Refusal(
                .badArgument, "cycle \(cycle.id) has no scenario '\(name)'",
                fix: known.isEmpty ? "add one first with `scenario add NAME STAGE INPUT FILE`" : "use \((known + [Scenarios.baseline]).orList)")
        }
        return names
    }

    func choices(_ options: [String]) throws(Refusal) -> [String] {
        let cleaned = options.map { $0.trimmingCharacters(in: .whitespaces) }
        if cleaned.isEmpty { return [] }
        if cleaned.contains(where: \.isEmpty) {
            throw Refusal(.badArgument, "an option is empty", fix: "separate options with |, e.g. --options \"Overtime|Outsource|Accept backlog\"")
        }
        if cleaned.count < 2 {
            throw Refusal(.badArgument, "a single option is not a choice", fix: "give two or more, separated by |, or leave out --options")
        }
        var seen: Set<String> = []
        for option in cleaned where !seen.insert(option.lowercased()).inserted {
            throw Refusal(.badArgument, "option '\(option)' is given twice", fix: "give each option once")
        }
        return cleaned
    }

    /// The chosen option, spelled as the proposal spells it; required when the proposal lists options.
    func pick(_ option: String?, of proposal: Proposal?) throws(Refusal) -> String? {
        let option = option.nonBlank
        guard let proposal, !proposal.options.isEmpty else {
            if let option {
                let what = proposal.map { "\($0.label) lists no options" } ?? "--option picks one of a proposal's options"
                throw Refusal(.badArgument, "\(what); '\(option)' cannot be chosen", fix: "leave out --option and say what was decided in the text")
            }
            return nil
        }
        guard let option else {
            throw Refusal(
                .badArgument, "\(proposal.label) asks to choose between \(proposal.options.orList)",
                fix: "say which with --option, e.g. --option \"\(proposal.options[0])\"")
        }
        guard let match = proposal.options.first(where: { $0.lowercased() == option.lowercased() }) else {
            throw Refusal(.badArgument, "'\(option)' is not an option of \(proposal.label)", fix: "choose \(proposal.options.orList)")
        }
        return match
    }
}
