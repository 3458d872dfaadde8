import Foundation
import Testing

/// Database files sop cannot use: one clear error line, exit 1, and the file left as it was. The
/// failure harness (Tests/harness/environment.py) adds read-only mounts, full disks and damaged pages.
@Suite struct StorageErrorTests {
    static let write = ["--as", "maria", "action", "add", "Check the plan", "--owner", "dan", "--due", "2026-11-20"]

    func expectRefused(_ box: Sandbox, _ args: [String], saying phrase: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: box.db))
        let result = try box.run(args)
        #expect(result.code == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errLines.count == 1 && isErrorLine(result.errLines[0]), "\(result)", sourceLocation: sourceLocation)
        #expect(result.err.contains(phrase), "\(result)", sourceLocation: sourceLocation)
        #expect(!result.err.contains("SQLite error"), "\(result)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: box.db)) == before, "the file changed", sourceLocation: sourceLocation)
    }

    @Test func anEmptyFileIsNotTakenForANewDatabase() throws {
        let box = try Sandbox()
        try box.write("sop.db", "")
        for args in [["status"], Self.write, ["check"]] {
            try expectRefused(box, args, saying: "is empty (0 bytes)")
        }
    }

    @Test func aFileThatIsNotADatabase() throws {
        let box = try Sandbox()
        try box.write("sop.db", String(repeating: "quarterly plan, see the spreadsheet\n", count: 200))
        for args in [["status"], Self.write, ["check"]] {
            try expectRefused(box, args, saying: "is not an sop database")
        }
    }

    @Test func aTruncatedDatabaseIsDamaged() throws {
        let box = try Sandbox()
        try box.ok(Self.write)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: box.db))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size / 2)
        try handle.close()
        for args in [["status"], Self.write, ["check"]] {
            try expectRefused(box, args, saying: "is damaged")
        }
    }

    @Test func aFolderIsNotADatabaseFile() throws {
        let box = try Sandbox()
        let result = try box.run(["--db", box.folder.path, "status"], db: false)
        #expect(result.code == 1 && result.err.contains("is a folder, not a database file"), "\(result)")
    }

    /// Root ignores permission bits; the harness covers root with a read-only mount.
    @Test(.enabled(if: geteuid() != 0)) func aReadOnlyFileStillReportsButRefusesWrites() throws {
        let box = try Sandbox()
        try box.ok(Self.write)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: box.db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: box.db) }
        try box.ok(["status"])
        try expectRefused(box, Self.write, saying: "is read-only: the file is read-only for this account")
    }
}
