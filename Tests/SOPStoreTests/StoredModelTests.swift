import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// A workflow version's `model` is written with sorted keys, so the same workflow makes the same
/// database bytes; a model stored before that (keys in declaration order) still reads and audits.
@Suite struct AStoredWorkflowModelHasSortedKeysAndOldOnesStillAudit {
    static func storedModel(_ database: SOPDatabase) throws -> String {
        try database.read { tx in try String.fetchOne(tx.db, sql: "SELECT model FROM workflow_versions LIMIT 1") } ?? ""
    }

    @Test func aNewModelIsWrittenWithSortedKeys() throws {
        let folder = try TemporaryFolder()
        let database = try AuditTests.sample(folder)
        let model = try Self.storedModel(database)
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys]
        #expect(model == String(decoding: try sorted.encode(StoreFixture.workflow), as: UTF8.self))
        #expect(model != String(decoding: try JSONEncoder().encode(StoreFixture.workflow), as: UTF8.self))
    }

    @Test func aModelStoredInDeclarationOrderStillPassesTheAudit() throws {
        let folder = try TemporaryFolder()
        let database = try AuditTests.sample(folder)
        let old = String(decoding: try JSONEncoder().encode(StoreFixture.workflow), as: UTF8.self)
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE workflow_versions SET model = ?", arguments: [old])
        }
        #expect(try Self.storedModel(database) == old)
        let report = try AuditTests.audit(database)
        #expect(report.ok, "\(report.findings)")
    }
}
