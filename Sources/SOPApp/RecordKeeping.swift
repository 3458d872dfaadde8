import Foundation
import SOPCore
import SOPStore
import SOPSystem
import WorkflowFile

/// `--json check` / `--json audit verify`.
public struct RecordCheck: Encodable, Sendable {
    /// SQLite's integrity check lines (`["ok"]` when sound); absent for `audit verify`.
    public var integrity: [String]?
    public var audit: AuditReport
    public init(integrity: [String]?, audit: AuditReport) {
        self.integrity = integrity
        self.audit = audit
    }
}

/// `--json backup FILE`.
public struct BackupReport: Encodable, Sendable {
    public var file: String
    public var bytes: Int
    public var audit: AuditReport
}

/// `audit verify`, `check` and `backup FILE`: proving the record is whole, and keeping a copy of it.
/// None needs an acting participant: an auditor or an operator's cron job runs them.
public enum RecordKeeping {
    /// The audit, re-reading each stored workflow's YAML with the same reader `cycle open` used.
    public static func audit(_ database: SOPDatabase) throws -> AuditReport {
        try database.read { tx in
            try tx.audit { source, name in try? WorkflowFileReader.workflow(yaml: source, file: name) }
        }
    }

    /// SQLite's integrity check and the audit. A damaged file can make the checks themselves fail:
    /// that is a finding, not a crash.
    public static func check(_ database: SOPDatabase) -> (integrity: [String], audit: AuditReport) {
        let integrity: [String]
        do { integrity = try database.integrityCheck() } catch { integrity = ["\(error)"] }
        let report: AuditReport
        do { report = try audit(database) } catch { report = .unreadable("\(error)") }
        return (integrity, report)
    }

    /// Copies the record to `path`, verified, never overwriting a file.
    public static func backup(_ database: SOPDatabase, to path: String) throws(ShellError) -> BackupReport {
        let target = try NewRecordFile.target(path, kind: "a backup")
        // Copied under a temporary name and linked into place only when whole and verified, so a
        // crash or a full disk never leaves something that looks like a backup at `path`.
        let temporary = Files.temporaryName(beside: target, purpose: "partial")
        defer { Files.removeDatabaseFiles(temporary) }
        do { try database.backup(to: temporary) } catch {
            throw ShellError.failed("cannot write the backup \(path): \(error)", fix: "check the folder is writable and has room")
        }
        let integrity: [String]
        let report: AuditReport
        do {
            let copy = try SOPDatabase(path: temporary)
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
        try NewRecordFile.place(temporary, at: target, shown: path, kind: "a backup")
        return BackupReport(file: path, bytes: Files.size(target) ?? 0, audit: report)
    }
}
