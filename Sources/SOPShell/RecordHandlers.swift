import Foundation
import SOPApp
import SOPCore
import SOPStore
import SOPSystem
import SOPText
import WorkflowFile

/// `audit verify`, `check` and `backup FILE`: proving the record is whole, and keeping a copy of it.
/// None needs an acting participant: an auditor or an operator's cron job runs them.
extension Handlers {
    static func auditVerify(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let report = try RecordKeeping.audit(session.database)
        guard report.ok else { throw auditFailure(report, json: session.json, integrity: nil) }
        return Reply(AuditText.summary(report), json: RecordCheck(integrity: nil, audit: report))
    }

    static func check(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let (integrity, report) = RecordKeeping.check(session.database)
        guard report.ok, integrity == ["ok"] else { throw auditFailure(report, json: session.json, integrity: integrity) }
        return Reply(
            "SQLite integrity check: ok\n" + AuditText.summary(report),
            json: RecordCheck(integrity: integrity, audit: report))
    }

    static func backup(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        guard let path = command.arguments.first else { throw ShellError.usage("backup needs a FILE", fix: "e.g. backup sop-2026-11-30.db") }
        let backup = try RecordKeeping.backup(session.database, to: path)
        return Reply(AuditText.backup(backup), json: backup)
    }

    static func auditFailure(_ report: AuditReport, json: Bool, integrity: [String]?) -> ShellError {
        let findings = json
            ? JSONOutput.string(RecordCheck(integrity: integrity, audit: report))
            : AuditText.findings(report, integrity: integrity)
        let integrityBroken = integrity.map { $0 != ["ok"] } ?? false
        let what: String
        if let seq = report.firstBrokenSeq {
            what = "the record fails its audit: first broken at event #\(seq)"
        } else if !report.ok {
            what = "the record fails its audit: \(report.findings.count) problem\(report.findings.count == 1 ? "" : "s") outside the event chain"
        } else {
            what = "SQLite's integrity check found damage in the database file"
        }
        return .failedCheck(
            report: findings, what + (integrityBroken && !report.ok ? ", and SQLite's integrity check found damage" : ""),
            fix: "restore the newest backup that passes `sop check`; the lines above say what changed")
    }
}
