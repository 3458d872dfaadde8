import Foundation
import SOPApp
import SOPCore

/// The live REPL's lines: one per event another participant committed, in S&OP words, printed above
/// the prompt (`· 14:02Z Dan Ortiz signed off demand-review (2026-11)`). Each line is printable (what
/// people typed is spelt out, never sent to the terminal as is) and fits the terminal's width.
public enum LiveText {
    /// The lines for `news`, each at most `width - 1` characters (the last column is left free so no
    /// terminal wraps the line on its own). `now` decides whether a time needs its day.
    public static func lines(_ news: LiveNews, now: Date, width: Int) -> [String] {
        var lines = news.events.map { line($0.event, moves: $0.moves, team: news.team, now: now, width: width) }
        if news.more > 0 {
            lines.append(fitted("· ... and \(news.more.counted("more event")) committed meanwhile (`log` lists them)", width: width))
        }
        if !news.unreadable.isEmpty {
            let seqs = news.unreadable.map { "#\($0)" }.joined(separator: ", ")
            lines.append(fitted("· event \(seqs) is unreadable; `audit verify` checks the record", width: width))
        }
        return lines
    }

    /// `· 14:02Z Dan Ortiz signed off demand-review (2026-11)`, then what it moved
    /// (`; demand-review done, supply-review open`).
    public static func line(_ event: CycleEvent, moves: [StageMove] = [], team: Team?, now: Date, width: Int) -> String {
        let who = team?.participant(event.actor)?.name ?? event.actor
        let consequences = moves.isEmpty ? "" : "; " + movesText(moves)
        func compose(withWords: Bool) -> String {
            let text: String = switch event.payload {
            case .escalationRaised(let e): "E-\(e.number) for you (`inbox`): \(EscalationWords.message(e))"
            default: "\(who) \(what(event.payload, team: team, withWords: withWords))"
            }
            return "· \(time(event.time, now: now)) \(text) (\(event.cycle))\(consequences)"
        }
        // What the event moved matters more than a comment or a reason, which `log` shows whole.
        let full = compose(withWords: true)
        guard !consequences.isEmpty, PrintableText.escaped(full).count > room(width) else { return fitted(full, width: width) }
        return fitted(compose(withWords: false), width: width)
    }

    /// `demand-review done, product-review and supply-review open`: stages that went the same way together.
    static func movesText(_ moves: [StageMove]) -> String {
        var groups: [(phrase: String, stages: [String])] = []
        for move in moves {
            guard move.from != move.to, move.staleSignoffs == 0 else {
                // Stale sign-offs are said per stage.
                groups.append((moved(move), []))
                continue
            }
            let phrase = destination(move)
            if let index = groups.firstIndex(where: { $0.phrase == phrase && !$0.stages.isEmpty }) {
                groups[index].stages.append(move.stage)
            } else {
                groups.append((phrase, [move.stage]))
            }
        }
        return groups.map { $0.stages.isEmpty ? $0.phrase : "\($0.stages.andList) \($0.phrase)" }.joined(separator: ", ")
    }

    /// `demand-review reopened (review)`, `supply-review open`, `pre-sop: 2 sign-offs stale`.
    static func moved(_ move: StageMove) -> String {
        let stale = move.staleSignoffs.counted("sign-off") + " stale"
        guard move.from != move.to else { return "\(move.stage): \(stale)" }
        return "\(move.stage) \(destination(move))" + (move.staleSignoffs > 0 ? ", \(stale)" : "")
    }

    /// Where a stage went: `done`, `open`, `in review`, `reopened (open)`.
    static func destination(_ move: StageMove) -> String {
        switch (move.from, move.to) {
        case (.done, .open), (.done, .review), (.waived, .open), (.waived, .review): "reopened (\(move.to.rawValue))"
        case (_, .review): "in review"
        default: move.to.rawValue
        }
    }

    /// What the participant did, after their name.
    /// Without `withWords` the comments and reasons are left out, for a line with no room for them.
    static func what(_ payload: EventPayload, team: Team?, withWords: Bool = true) -> String {
        func name(_ id: String) -> String { team?.participant(id)?.name ?? id }
        // What people wrote is cut short, so what the event moved still fits on the line.
        func short(_ text: String) -> String { text.count > 40 ? String(text.prefix(37)) + "..." : text }
        func words(_ text: String?) -> String { withWords ? text.map { ": \(short($0))" } ?? "" : "" }
        return switch payload {
        case .cycleOpened: "opened the cycle"
        case .inputSubmitted(let e):
            "\(e.version == 1 ? "submitted" : "resubmitted") \(e.stage) \(e.input)" + (e.version == 1 ? "" : " (version \(e.version))")
        case .signedOff(let e): "signed off \(e.stage)" + (withWords ? e.comment.map { ": \"\(short($0))\"" } ?? "" : "")
        case .rejected(let e): "rejected \(e.stage), \(e.inputs.joined(separator: ", ")) to resubmit\(words(e.reason))"
        case .waived(let e): "waived \(e.stage)\(words(e.reason))"
        case .cycleClosed: "closed the cycle"
        case .cycleCancelled(let e): "cancelled the cycle\(words(e.reason))"
        case .proposalRaised(let e): "raised \(FollowUpKind.proposal.label(e.number)): \(short(e.text))"
        case .decisionRecorded(let e):
            "decided \(FollowUpKind.decision.label(e.number))" + (e.proposal.map { " on \(FollowUpKind.proposal.label($0))" } ?? "")
                + (e.supersedes.map { ", superseding \(FollowUpKind.decision.label($0))" } ?? "") + ": \(short(e.text))"
        case .proposalDeferred(let e): "deferred \(FollowUpKind.proposal.label(e.number)) to \(e.to)\(words(e.reason))"
        case .actionAdded(let e): "added \(FollowUpKind.action.label(e.number)) for \(name(e.owner)), due \(e.due): \(short(e.title))"
        case .actionDone(let e): "completed \(FollowUpKind.action.label(e.number))" + words(e.note)
        case .actionCancelled(let e): "cancelled \(FollowUpKind.action.label(e.number))\(words(e.reason))"
        case .actionReassigned(let e): "reassigned \(FollowUpKind.action.label(e.number)) from \(name(e.from)) to \(name(e.to))"
        case .escalationRaised(let e): "raised E-\(e.number): \(EscalationWords.message(e))"
        case .escalationResolved(let e): "resolved E-\(e.number): \(EscalationWords.because(e))"
        case .scenarioAdded(let e): "added scenario \(e.name) of \(e.stage) \(e.input)"
        }
    }

    /// `14:02Z` today (by the clock's UTC day), `2026-11-04 14:02Z` before.
    static func time(_ date: Date, now: Date) -> String {
        let stamp = Stamp.minute(date)
        guard stamp.prefix(10) == Stamp.minute(now).prefix(10), let space = stamp.firstIndex(of: " ") else { return stamp }
        return String(stamp[stamp.index(after: space)...])
    }

    /// One printable line within `width - 1` characters, cut with `...` when longer.
    static func fitted(_ text: String, width: Int) -> String {
        let line = PrintableText.escaped(text)
        guard line.count > room(width) else { return line }
        return String(line.prefix(room(width) - 3)) + "..."
    }

    /// The characters a line may take: the last column stays free so no terminal wraps it.
    static func room(_ width: Int) -> Int { max(20, width - 1) }
}

extension LiveText {
    /// The feed could not be read: said once, and commands go on working.
    public static func paused(_ reason: String, width: Int) -> String {
        fitted("· live updates paused: \(reason); commands still work", width: width)
    }

    /// The feed reads again; what committed meanwhile follows.
    public static func resumed(width: Int) -> String { fitted("· live updates resumed", width: width) }
}
