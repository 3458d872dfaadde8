import Foundation
import SOPCore
import SOPStore
import WorkflowFile

/// `audit verify`, `check` and `backup FILE`: proving the record is whole, and keeping a copy of it.
/// None needs an acting participant: an auditor or an operator's cron job runs them.
extension Handlers {
    static func auditVerify(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let report = try audit(session.database)
        guard report.ok else { throw auditFailure(report, json: session.json, integrity: nil) }
        return Reply(AuditText.summary(report), json: RecordCheck(integrity: nil, audit: report))
    }

    static func check(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        // A damaged file can make the checks themselves fail: that is a finding, not a crash.
        let integrity: [String]
        do { integrity = try session.database.integrityCheck() } catch { integrity = ["\(error)"] }
        let report: AuditReport
        do { report = try audit(session.database) } catch { report = .unreadable("\(error)") }
        guard report.ok, integrity == ["ok"] else { throw auditFailure(report, json: session.json, integrity: integrity) }
        return Reply(
            "SQLite integrity check: ok\n" + AuditText.summary(report),
            json: RecordCheck(integrity: integrity, audit: report))
    }

    static func backup(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        guard let path = command.arguments.first else { throw ShellError.usage("backup needs a FILE", fix: "e.g. backup sop-2026-11-30.db") }
        let target = (path as NSString).expandingTildeInPath
        if FileManager.default.fileExists(atPath: target) {
            throw ShellError.failed("\(path) already exists", fix: "name a new file; a backup never overwrites one")
        }
        let folder = PathText.folder(of: target)
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            throw ShellError.failed("folder \(folder) does not exist", fix: "create it, or name a file in an existing folder")
        }
        // Copied under a temporary name and linked into place only when whole and verified, so a
        // crash or a full disk never leaves something that looks like a backup at `path`.
        let temporary = "\(target).partial-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } }
        do { try session.database.backup(to: temporary) } catch {
            throw ShellError.failed("cannot write the backup \(path): \(error)", fix: "check the folder is writable and has room")
        }
        let copy: SOPDatabase
        let integrity: [String]
        let report: AuditReport
        do {
            copy = try SOPDatabase(path: temporary)
            integrity = try copy.integrityCheck()
            report = try audit(copy)
            try copy.close()
        } catch {
            throw ShellError.failed("the backup copy cannot be read back: \(error)", fix: "check the disk; nothing was written to \(path)")
        }
        guard integrity == ["ok"], report.ok else {
            throw ShellError.failed(
                "the backup copy fails its check (\(integrity == ["ok"] ? "audit" : "integrity")); nothing was written to \(path)",
                fix: "run `check` on this database first")
        }
        if link(temporary, target) != 0 {
            throw ShellError.failed("cannot create \(path): \(String(cString: strerror(errno)))", fix: "name a new file in a writable folder")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        let backup = BackupReport(file: path, bytes: size, audit: report)
        return Reply(AuditText.backup(backup), json: backup)
    }

    /// The audit, re-reading each stored workflow's YAML with the same reader `cycle open` used.
    static func audit(_ database: SOPDatabase) throws -> AuditReport {
        try database.read { tx in
            try tx.audit { source, name in try? WorkflowFileReader.workflow(yaml: source, file: name) }
        }
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
            what = "the record fails its audit: \(report.findings.count.counted("problem")) outside the event chain"
        } else {
            what = "SQLite's integrity check found damage in the database file"
        }
        return .failedCheck(
            report: findings, what + (integrityBroken && !report.ok ? ", and SQLite's integrity check found damage" : ""),
            fix: "restore the newest backup that passes `sop check`; the lines above say what changed")
    }
}

/// `--json check` / `--json audit verify`.
struct RecordCheck: Encodable, Sendable {
    /// SQLite's integrity check lines (`["ok"]` when sound); absent for `audit verify`.
    var integrity: [String]?
    var audit: AuditReport
}

/// `--json backup FILE`.
struct BackupReport: Encodable, Sendable {
    var file: String
    var bytes: Int
    var audit: AuditReport
}
