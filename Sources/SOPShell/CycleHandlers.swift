import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

extension Handlers {
    static func cycleList(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let rows = try CycleQueries.summaries(session)
        return Reply(CycleText.list(rows, width: session.tableWidth), json: rows)
    }

    static func cycleUse(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let id = try cycleArgument(command.arguments[0])
        try session.use(cycle: id)
        return CycleText.nowWorking(on: id)
    }

    static func cycleOpen(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let month = try command.argument(0).map(cycleArgument).flatMap(CycleMonth.init) ?? CycleMonth(session.today)
        let opened = try CycleOpening.open(session, month: month, workflowFile: command.option("--workflow"), force: command.flag("--force"))
        return CycleText.opened(opened)
    }

    static func cycleCancel(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let reply = try Acknowledgement.change(session, .cancel(reason: command.option("--reason") ?? ""))
        // A REPL that opened or chose the cancelled cycle goes back to the default one, like a new session.
        session.useDefaultCycle()
        return reply
    }

    static func cycleClose(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(session, .close)
    }

    /// `YYYY-MM`, or a usage error saying so.
    static func cycleArgument(_ text: String) throws -> String {
        guard let month = CycleMonth(text) else {
            throw ShellError.usage("'\(text)' is not a cycle id", fix: "write the month as YYYY-MM, e.g. 2026-11")
        }
        return month.description
    }
}
