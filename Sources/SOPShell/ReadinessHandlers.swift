import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

extension Handlers {
    static func status(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let today = session.today
        let (state, team, register) = try Readiness.load(session)
        if let stageID = command.argument(0) {
            let stage = try state.workflow.requireStage(stageID)
            return StatusText.stageDetail(state, stage, team: team, today: today)
        }
        let report = state.report(today: today, register: register)
        let followUps = StatusText.followUps(state, register, today: today, width: session.width)
        let overview = StatusText.overview(report, today: today, width: session.width)
        return Reply(overview + (followUps.isEmpty ? "" : "\n" + followUps), json: StatusReportJSON(report))
    }

    static func why(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let today = session.today
        let (state, team, register) = try Readiness.load(session)
        let stageID = command.arguments[0]
        let lines = ExplanationText.lines(try state.explain(stageID, team: team, today: today, register: register))
        return WhyText.reply(stage: stageID, state: state.state(of: stageID), explanation: lines)
    }

    static func log(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        var limit: Int? = nil
        if let text = command.option("--limit") {
            guard let n = Int(text), n > 0 else { throw ShellError.usage("--limit needs a positive whole number, not '\(text)'", fix: "e.g. log --limit 20") }
            limit = n
        }
        let stage = command.option("--stage")
        if command.flag("--refused") {
            guard stage == nil else {
                throw ShellError.usage("log --refused lists the access log, which has no stages", fix: "leave out --stage, or --refused")
            }
            return try accessLog(session, limit: limit)
        }
        let (cycle, events) = try Readiness.events(session, stage: stage, limit: limit)
        let json = events.map(ChangeText.EventJSON.init)
        if events.isEmpty { return Reply("No events for cycle \(cycle)\(stage.map { " and stage \($0)" } ?? "").", json: json) }
        var table = TextTable(["#", "TIME (UTC)", "WHO", "WHAT"], width: session.tableWidth)
        for e in json { table.add(["\(e.seq)", e.time, e.actor, e.summary]) }
        return Reply(table.rendered, json: json)
    }
}
