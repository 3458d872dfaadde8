import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// `audit verify`, `check` and `backup FILE`: proving the record is whole, and keeping a copy of it.
/// None needs an acting participant: an auditor or an operator's cron job runs them.
extension Handlers {
    static func auditVerify(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let report = try RecordKeeping.audit(session.database)
        guard report.ok else { throw AuditText.failure(report, json: session.json, integrity: nil) }
        return Reply(AuditText.summary(report), json: RecordCheck(integrity: nil, audit: report))
    }

    static func check(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let (integrity, report) = RecordKeeping.check(session.database)
        guard report.ok, integrity == ["ok"] else { throw AuditText.failure(report, json: session.json, integrity: integrity) }
        return Reply(
            "SQLite integrity check: ok\n" + AuditText.summary(report),
            json: RecordCheck(integrity: integrity, audit: report))
    }

    static func backup(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        guard let path = command.arguments.first else { throw ShellError.usage("backup needs a FILE", fix: "e.g. backup sop-2026-11-30.db") }
        let backup = try RecordKeeping.backup(session.database, to: path)
        return Reply(AuditText.backup(backup), json: backup)
    }

    static func roles(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let named = command.option("--database") ?? (try? PostgresAddress.parse(session.database.path))?.database
        guard let database = named else {
            throw ShellError.usage(
                "roles --sql needs the PostgreSQL database the grants are for, and --db names a file",
                fix: "add --database NAME, or run it with --db postgresql://HOST/NAME")
        }
        let sql = ServerRecord.rolesSQL(team: try session.team(), database: database)
        return Reply(sql.hasSuffix("\n") ? String(sql.dropLast()) : sql, json: ["sql": sql])
    }

    static func copy(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        guard let target = command.option("--to") else { throw ShellError.usage("copy needs --to DB", fix: "e.g. copy --to postgresql://owner@db.example/sop") }
        let outcome = try RecordMove.copy(session.database, to: target)
        return Reply(AuditText.copied(outcome), json: outcome)
    }
}
