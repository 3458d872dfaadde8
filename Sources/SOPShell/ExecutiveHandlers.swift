import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Decision requests and decisions: `propose`, `proposals`, `decide`, `defer`, `decisions`.
extension Handlers {
    static func propose(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let options = command.option("--options").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) } ?? []
        return try Acknowledgement.change(
            session, .propose(text: command.arguments[0], stage: command.option("--stage"), options: options))
    }

    static func decide(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        var proposal: Int? = nil
        var text = command.arguments[0]
        if command.arguments.count == 2 {
            proposal = try itemNumber(command.arguments[0], .proposal)
            text = command.arguments[1]
        } else if FollowUpKind.parse(text)?.kind == .proposal {
            throw ShellError.usage("decide \(text) needs the decision's TEXT", fix: "e.g. decide \(text) \"Approve the overtime plan\" --rationale \"...\"")
        }
        let supersedes = try command.option("--supersedes").map { try itemNumber($0, .decision) }
        return try Acknowledgement.change(
            session,
            .decide(
                proposal: proposal, text: text, rationale: command.option("--rationale") ?? "", option: command.option("--option"),
                supersedes: supersedes))
    }

    static func deferProposal(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let number = try itemNumber(command.arguments[0], .proposal)
        return try Acknowledgement.change(
            session, .deferProposal(number, to: command.option("--to") ?? "", reason: command.option("--reason") ?? ""))
    }

    struct ProposalJSON: Encodable, Sendable {
        var id: String
        var state: ProposalState
        var cycle: String
        var raisedBy: String
        var raisedAt: String
        var text: String
        var stage: String?
        var options: [String]
        var decision: String?
        var deferredTo: String?
        var deferrals: [DeferralJSON]
        init(_ p: Proposal, viewer: String) {
            id = p.label
            state = p.state(in: viewer)
            cycle = p.cycle
            raisedBy = p.by
            raisedAt = Stamp.minute(p.at)
            text = p.text
            stage = p.stage
            options = p.options
            decision = p.decision.map(FollowUpKind.decision.label)
            deferredTo = p.deferrals.last?.to
            deferrals = p.deferrals.map { DeferralJSON(from: $0.from, to: $0.to, reason: $0.reason, by: $0.by, at: Stamp.minute($0.at)) }
        }
    }

    struct DeferralJSON: Encodable, Sendable {
        var from: String
        var to: String
        var reason: String
        var by: String
        var at: String
    }

    static func proposals(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let (state, register) = try FollowUpQueries.visible(session)
        let cycle = state.id
        let rows = register.proposals(of: cycle).map { ProposalJSON($0, viewer: cycle) }
        if rows.isEmpty {
            return Reply("No proposals in cycle \(cycle). The leader or a proposer role raises one with `propose TEXT`.", json: rows)
        }
        var table = TextTable(["ID", "STATE", "RAISED", "BY", "STAGE", "PROPOSAL"])
        for p in rows {
            var what = p.text
            if !p.options.isEmpty { what += " [options: \(p.options.joined(separator: " | "))]" }
            var state = p.state.rawValue
            if let decision = p.decision { state += " \(decision)" } else if p.state == .deferred, let to = p.deferredTo { state += " to \(to)" }
            if p.state == .open, let from = p.deferrals.last?.from { state += " (from \(from))" }
            table.add([p.id, state, p.cycle, p.raisedBy, p.stage ?? "-", what])
        }
        let open = rows.filter { $0.state == .open }.count
        return Reply("Proposals of cycle \(cycle): \(open) open.\n" + table.rendered, json: rows)
    }

    struct DecisionJSON: Encodable, Sendable {
        var id: String
        var cycle: String
        var by: String
        var at: String
        var text: String
        var rationale: String
        var option: String?
        var proposal: String?
        var supersedes: String?
        var supersededBy: String?
        var inForce: Bool
        init(_ d: Decision) {
            id = d.label
            cycle = d.cycle
            by = d.by
            at = Stamp.minute(d.at)
            text = d.text
            rationale = d.rationale
            option = d.option
            proposal = d.proposal.map(FollowUpKind.proposal.label)
            supersedes = d.supersedes.map(FollowUpKind.decision.label)
            supersededBy = d.supersededBy.map(FollowUpKind.decision.label)
            inForce = d.isInForce
        }
    }

    static func decisions(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let allCycles = command.flag("--all-cycles")
        let (cycle, decisions) = try FollowUpQueries.decisions(session, allCycles: allCycles)
        let rows = decisions.map(DecisionJSON.init)
        let scope = allCycles ? "any cycle" : "cycle \(cycle)"
        if rows.isEmpty {
            return Reply("No decisions recorded in \(scope). The sponsor records one with `decide [P-N] TEXT --rationale TEXT`.", json: rows)
        }
        var lines: [String] = []
        for d in rows {
            var head = "\(d.id)  \(d.cycle)  \(d.by)  \(d.at)"
            if let p = d.proposal { head += "  on \(p)" }
            if let old = d.supersedes { head += "  supersedes \(old)" }
            if let newer = d.supersededBy { head += "  SUPERSEDED by \(newer)" }
            lines.append(head)
            lines.append("    \(d.text)" + (d.option.map { " [option: \($0)]" } ?? ""))
            lines.append("    rationale: \(d.rationale)")
        }
        return Reply("Decisions recorded in \(scope):\n" + lines.joined(separator: "\n"), json: rows)
    }

    /// `P-3` as a number, or a usage error naming the form expected.
    static func itemNumber(_ text: String, _ kind: FollowUpKind) throws(ShellError) -> Int {
        guard let parsed = FollowUpKind.parse(text), parsed.kind == kind else {
            throw ShellError.usage("'\(text)' is not \(kind.article) id", fix: "write it as \(kind.prefix)-N, e.g. \(kind.label(1))")
        }
        return parsed.number
    }
}
