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
        let text: String = switch event.payload {
        case .escalationRaised(let e): "E-\(e.number) for you: \(EscalationWords.message(e)) (`inbox`, `ack N`)"
        default: "\(who) \(what(event.payload, team: team))"
        }
        let consequences = moves.isEmpty ? "" : "; " + moves.map(moved).joined(separator: ", ")
        return fitted("· \(time(event.time, now: now)) \(text) (\(event.cycle))\(consequences)", width: width)
    }

    /// `demand-review reopened (review)`, `supply-review open`, `pre-sop: 2 sign-offs stale`.
    static func moved(_ move: StageMove) -> String {
        let stale = move.staleSignoffs.counted("sign-off") + " stale"
        guard move.from != move.to else { return "\(move.stage): \(stale)" }
        let to = switch (move.from, move.to) {
        case (.done, .open), (.done, .review), (.waived, .open), (.waived, .review): "reopened (\(move.to.rawValue))"
        case (_, .review): "in review"
        default: move.to.rawValue
        }
        return "\(move.stage) \(to)" + (move.staleSignoffs > 0 ? ", \(stale)" : "")
    }

    /// What the participant did, after their name.
    static func what(_ payload: EventPayload, team: Team?) -> String {
        func name(_ id: String) -> String { team?.participant(id)?.name ?? id }
        // What people wrote is cut short, so what the event moved still fits on the line.
        func short(_ text: String) -> String { text.count > 40 ? String(text.prefix(37)) + "..." : text }
        return switch payload {
        case .cycleOpened: "opened the cycle"
        case .inputSubmitted(let e):
            "\(e.version == 1 ? "submitted" : "resubmitted") \(e.stage) \(e.input)" + (e.version == 1 ? "" : " (version \(e.version))")
        case .signedOff(let e): "signed off \(e.stage)" + (e.comment.map { ": \"\(short($0))\"" } ?? "")
        case .rejected(let e): "rejected \(e.stage), \(e.inputs.joined(separator: ", ")) to resubmit: \(short(e.reason))"
        case .waived(let e): "waived \(e.stage): \(short(e.reason))"
        case .cycleClosed: "closed the cycle"
        case .cycleCancelled(let e): "cancelled the cycle: \(short(e.reason))"
        case .proposalRaised(let e): "raised \(FollowUpKind.proposal.label(e.number)): \(short(e.text))"
        case .decisionRecorded(let e):
            "decided \(FollowUpKind.decision.label(e.number))" + (e.proposal.map { " on \(FollowUpKind.proposal.label($0))" } ?? "")
                + (e.supersedes.map { ", superseding \(FollowUpKind.decision.label($0))" } ?? "") + ": \(short(e.text))"
        case .proposalDeferred(let e): "deferred \(FollowUpKind.proposal.label(e.number)) to \(e.to): \(short(e.reason))"
        case .actionAdded(let e): "added \(FollowUpKind.action.label(e.number)) for \(name(e.owner)), due \(e.due): \(short(e.title))"
        case .actionDone(let e): "completed \(FollowUpKind.action.label(e.number))" + (e.note.map { ": \(short($0))" } ?? "")
        case .actionCancelled(let e): "cancelled \(FollowUpKind.action.label(e.number)): \(short(e.reason))"
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
        let room = max(20, width - 1)
        guard line.count > room else { return line }
        return String(line.prefix(room - 3)) + "..."
    }
}

extension LiveText {
    /// The feed could not be read: said once, and commands go on working.
    public static func paused(_ reason: String, width: Int) -> String {
        fitted("· live updates paused: \(reason); commands still work", width: width)
    }

    /// The feed reads again; what committed meanwhile follows.
    public static func resumed(width: Int) -> String { fitted("· live updates resumed", width: width) }
}
