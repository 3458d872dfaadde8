import Foundation
import SOPApp
import SOPCore
import SOPStore

/// How the audit reads to a person: one line when sound, the findings in log order when not.
public enum AuditText {
    public static func summary(_ report: AuditReport) -> String {
        let chain = report.head.map { "chain intact from the genesis to #\(report.events) (head \($0.prefix(16)))" } ?? "no events yet"
        return "Audit passed: \(count(report.events, "event")) in \(count(report.cycles, "cycle")), \(chain); "
            + "\(count(report.artifacts, "artifact")), \(count(report.workflowVersions, "workflow version")), "
            + "\(count(report.followUps, "follow-up")) and \(count(report.escalations, "escalation")) match the log"
            + (report.accessLogEntries == 0 ? "." : "; the access log's \(count(report.accessLogEntries, "entry", "entries")) link intact.")
    }

    public static func findings(_ report: AuditReport, integrity: [String]?) -> String {
        var lines: [String] = []
        if let integrity {
            lines.append(integrity == ["ok"] ? "SQLite integrity check: ok" : "SQLite integrity check: FAILED")
            if integrity != ["ok"] { lines += integrity.map { "  \($0)" } }
        }
        if report.ok {
            lines.append(summary(report))
        } else {
            let first = report.firstBrokenSeq.map { ": first broken at event #\($0)" } ?? ""
            lines.append("Audit FAILED\(first). \(count(report.findings.count, "problem")):")
            for finding in report.findings {
                lines.append("  \(finding.seq.map { "#\($0)" } ?? "-")  \(finding.table): \(finding.problem)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func backup(_ backup: BackupReport) -> String {
        "Backed up to \(backup.file) (\(backup.bytes / 1024) KiB): \(count(backup.audit.events, "event")) in "
            + "\(count(backup.audit.cycles, "cycle")); the copy passes SQLite's integrity check and the audit (head \(backup.audit.head?.prefix(16) ?? "none"))."
    }

    public static func copied(_ outcome: CopyOutcome) -> String {
        let copied = outcome.copied
        return "Copied the record to \(outcome.to): \(count(copied.events, "event")) in \(count(copied.cycles, "cycle")), "
            + "\(count(copied.artifacts, "artifact")); the copy passes the audit with this record's head (\(copied.head?.prefix(16) ?? "none"))."
    }

    private static func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// A failed audit or check: its findings (text or JSON) for stdout, and the error line.
    public static func failure(_ report: AuditReport, json: Bool, integrity: [String]?) -> ShellError {
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
