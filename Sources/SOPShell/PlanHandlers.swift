import Foundation
import SOPApp
import SOPCore
import SOPText

/// `balance`, `plan diff`, `accuracy` and the scenario commands: parse, ask SOPApp, render.
extension Handlers {
    static func balance(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let (balance, notes) = try PlanQueries.balance(session, family: command.option("--family"))
        return session.shown(json: BalanceJSON(balance, notes: notes)) { BalanceText.render(balance, notes: notes, width: max(session.width, 60)) }
    }

    static func planDiff(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let against = try command.option("--against").map { text throws(ShellError) -> CycleMonth in
            guard let month = CycleMonth(text) else { throw ShellError.usage("'\(text)' is not a month", fix: "write it as YYYY-MM, e.g. --against 2026-10") }
            return month
        }
        let diff = try PlanQueries.diff(session, against: against)
        return session.shown(json: PlanDiffJSON(diff)) { PlanDiffText.render(diff, width: session.width) }
    }

    static func accuracy(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let lag = try positive(command.option("--lag"), "--lag", default: 1, example: "accuracy --lag 2")
        let months = try positive(command.option("--months"), "--months", default: 12, example: "accuracy --months 24")
        let accuracy = try PlanQueries.accuracy(session, lag: lag, months: months, family: command.option("--family"))
        return session.shown(json: AccuracyJSON(accuracy)) { AccuracyText.render(accuracy, width: session.width) }
    }

    static func scenarioAdd(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let file = try SubmittedFile.read(command.arguments[3])
        return try Acknowledgement.change(
            session, .addScenario(name: command.arguments[0], stage: command.arguments[1], input: command.arguments[2], content: file.content),
            file: file.bytes)
    }

    static func scenarioList(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let (cycle, scenarios) = try PlanQueries.scenarios(session)
        return ScenarioText.list(cycle, scenarios, width: session.tableWidth)
    }

    static func scenarioCompare(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        ScenarioText.compare(try PlanQueries.compare(session, names: command.arguments), width: session.width)
    }

    /// A positive whole number option (digits only), or its default.
    static func positive(_ text: String?, _ name: String, default value: Int, example: String) throws(ShellError) -> Int {
        guard let text else { return value }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), n > 0 else {
            throw ShellError.usage("\(name) needs a positive whole number, not '\(text)'", fix: "e.g. \(example)")
        }
        return n
    }
}

extension Session {
    /// A figure's reply with its text drawn only when the text is what will be shown: in `--json`
    /// mode the JSON is, and a ten-year record's grid is not worth drawing to throw away.
    func shown(json value: any Encodable & Sendable, text: () -> String) -> Reply {
        Reply(json ? "" : text(), json: value)
    }
}
