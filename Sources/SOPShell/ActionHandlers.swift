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

    struct ActionJSON: Encodable, Sendable {
        var id: String
        var state: ActionState
        var title: String
        var owner: String
        var due: String
        var overdue: Bool
        /// Workdays past due while open.
        var overdueDays: Int
        /// The cycle it was added in; differs from the cycle shown when it was carried over.
        var cycle: String
        var carriedOver: Bool
        var decision: String?
        var stage: String?
        var addedBy: String
        var closedBy: String?
        var closedIn: String?
        var note: String?
        init(_ a: FollowUpAction, viewer: String, today: Day, calendar: WorkCalendar) {
            id = a.label
            state = a.state
            title = a.title
            owner = a.owner
            due = a.due.description
            overdue = a.isOverdue(on: today)
            overdueDays = a.workdaysOverdue(on: today, calendar: calendar)
            cycle = a.cycle
            carriedOver = a.carriedOver(into: viewer) != nil
            decision = a.decision.map(FollowUpKind.decision.label)
            stage = a.stage
            addedBy = a.by
            closedBy = a.closedBy
            closedIn = a.closedIn
            note = a.closingNote
        }
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
            .map { ActionJSON($0, viewer: state.id, today: today, calendar: state.workflow.calendar) }
        var scope = allCycles ? "any cycle" : "cycle \(state.id)"
        let filters = ["--mine", "--open", "--overdue"].filter(command.flag)
        if !filters.isEmpty { scope += " (\(filters.joined(separator: " ")))" }
        if rows.isEmpty { return Reply("No actions in \(scope). Anyone adds one with `action add TITLE --owner P --due YYYY-MM-DD`.", json: rows) }
        var table = TextTable(["ID", "STATE", "OWNER", "DUE", "FROM", "ACTION"])
        for a in rows {
            var due = a.due
            if a.overdue { due += " (\(a.overdueDays) late)" }
            var what = a.title
            if let d = a.decision { what += " (\(d))" }
            if let note = a.note { what += " — \(a.state == .cancelled ? "cancelled" : "done"): \(note)" }
            table.add([a.id, a.state.rawValue, a.owner, due, a.carriedOver ? "\(a.cycle) (carried over)" : a.cycle, what])
        }
        let open = rows.filter { $0.state == .open }
        let head = "Actions of \(scope): \(open.count) open, \(open.filter(\.overdue).count) overdue."
        return Reply(head + "\n" + table.rendered, json: rows)
    }
}
