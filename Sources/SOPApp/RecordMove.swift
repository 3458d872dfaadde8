import Foundation
import SOPCore
import SOPStore
import SOPSystem

/// `--json copy --to DB`.
public struct CopyOutcome: Encodable, Sendable {
    public var to: String
    public var copied: CopyReport
    /// The copy's own audit, which must pass with the source's head hash.
    public var audit: AuditReport
}

/// Moving a record between stores: a team that started on the embedded file moves to the server
/// without losing a month, and a server's record can be taken back into a file.
public enum RecordMove {
    /// Copies the whole record into `target`: a new SQLite file, or an empty PostgreSQL database. The
    /// copy is audited and must end on the source's head hash; a file is written under a temporary name
    /// and put in place only then, and a server's copy is one transaction.
    public static func copy(_ database: SOPDatabase, to target: String) throws(ShellError) -> CopyOutcome {
        if PostgresAddress.isURL(target) {
            let (copy, address) = try ServerRecord.empty(target)
            return try verified(database, into: copy, shown: address.redacted)
        }
        let path = try NewRecordFile.target(target, kind: "a copy")
        let temporary = Files.temporaryName(beside: path, purpose: "copying")
        defer { Files.removeDatabaseFiles(temporary) }
        let copy: SOPDatabase
        do { copy = try SOPDatabase(path: temporary) } catch {
            throw StorageTrouble.error(error, path: target, moment: .creating) ?? .failed("cannot create \(target): \(error)", fix: "check the folder is writable")
        }
        let outcome = try verified(database, into: copy, shown: target)
        do { try copy.close() } catch { throw ShellError.failed("cannot finish writing \(target): \(error)", fix: "check the disk") }
        try NewRecordFile.place(temporary, at: path, shown: target, kind: "a copy")
        return outcome
    }

    private static func verified(_ database: SOPDatabase, into copy: SOPDatabase, shown: String) throws(ShellError) -> CopyOutcome {
        let copied: CopyReport
        do { copied = try RecordCopy.copy(from: database, to: copy) } catch {
            throw StorageTrouble.error(error, path: shown, moment: .command)
                ?? .failed("cannot copy the record to \(shown): \(error)", fix: "run `sop audit verify` on this record first; nothing was copied")
        }
        let audit: AuditReport
        do { audit = try RecordKeeping.audit(copy) } catch {
            throw ShellError.failed("the copy at \(shown) cannot be read back: \(error)", fix: "check the target")
        }
        guard audit.ok, audit.head == copied.head else {
            throw ShellError.failed(
                "the copy at \(shown) fails its audit (\(audit.findings.first?.problem ?? "its head differs from the source's"))",
                fix: "run `sop audit verify` on this record; remove the copy before trying again")
        }
        return CopyOutcome(to: shown, copied: copied, audit: audit)
    }
}
