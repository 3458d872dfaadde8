import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Follow-up actions: `action add|done|cancel|reassign` and `actions`.
extension Handlers {
    static func actionAdd(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let dueText = command.option("--due") ?? ""
        guard let due = Day(dueText) else {
            throw ShellError.usage("'\(dueText)' is not a date", fix: "write the due date as YYYY-MM-DD, e.g. --due 2026-12-04")
        }
        let decision = try command.option("--decision").map { try itemNumber($0, .decision) }
        return try Acknowledgement.change(
            session,
            .addAction(title: command.arguments[0], owner: command.option("--owner") ?? "", due: due, decision: decision, stage: command.option("--stage")))
    }

    static func actionDone(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(session, .completeAction(try itemNumber(command.arguments[0], .action), note: command.option("--note")))
    }

    static func actionCancel(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(session, .cancelAction(try itemNumber(command.arguments[0], .action), reason: command.option("--reason") ?? ""))
    }

    static func actionReassign(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(session, .reassignAction(try itemNumber(command.arguments[0], .action), owner: command.option("--owner") ?? ""))
    }

    static func actions(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let today = session.today
        let mine = command.flag("--mine") ? try session.actor(try session.team()).id : nil
        let allCycles = command.flag("--all-cycles")
        let (state, actions) = try FollowUpQueries.actions(session, allCycles: allCycles)
        let rows = actions
            .filter { mine == nil || $0.owner == mine }
            .filter { !command.flag("--open") || $0.isOpen }
            .filter { !command.flag("--overdue") || $0.isOverdue(on: today) }
            .map { FollowUpText.ActionJSON($0, viewer: state.id, today: today, calendar: state.workflow.calendar) }
        var scope = allCycles ? "any cycle" : "cycle \(state.id)"
        let filters = ["--mine", "--open", "--overdue"].filter(command.flag)
        if !filters.isEmpty { scope += " (\(filters.joined(separator: " ")))" }
        if rows.isEmpty { return Reply("No actions in \(scope). Anyone adds one with `action add TITLE --owner P --due YYYY-MM-DD`.", json: rows) }
        let open = rows.filter { $0.state == .open }
        let head = "Actions of \(scope): \(open.count) open, \(open.filter(\.overdue).count) overdue."
        return Reply(head + "\n" + FollowUpText.actions(rows, width: session.tableWidth), json: rows)
    }
}
