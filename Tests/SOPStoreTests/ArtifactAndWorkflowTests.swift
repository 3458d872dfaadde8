import Foundation
import GRDB
import SOPCore
import Testing

@testable import SOPStore

/// Content addressing of submitted files and of workflow versions.
@Suite struct ArtifactAndWorkflowTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesKnownDigests(text: String, digest: String) {
        #expect(ContentHash.sha256(text) == digest)
        #expect(ContentHash.sha256(Data(text.utf8)) == digest)
    }

    @Test func theSameBytesAreStoredOnce() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        let bytes = Data([0x00, 0xFF, 0x10]) + Data("family,quantity\n".utf8)
        let first = try database.write { try $0.storeArtifact(bytes, at: StoreFixture.start) }
        let second = try database.write { try $0.storeArtifact(bytes, at: StoreFixture.start.addingTimeInterval(60)) }
        let other = try database.write { try $0.storeArtifact(Data("other".utf8), at: StoreFixture.start) }
        #expect(first == second)
        #expect(first == ContentHash.sha256(bytes))
        #expect(other != first)
        try database.read { tx throws in
            #expect(try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM artifacts") == 2)
            #expect(try Int.fetchOne(tx.db, sql: "SELECT size FROM artifacts WHERE sha256 = ?", arguments: [first]) == bytes.count)
            #expect(try tx.artifact(first) == bytes, "binary bytes come back exactly")
            #expect(try tx.artifact(ContentHash.sha256("missing")) == nil)
        }
    }

    @Test func aWorkflowVersionIsTheSHA256OfItsSourceText() throws {
        #expect(StoreFixture.version.hash == ContentHash.sha256(StoreFixture.workflowSource))
        #expect(StoreFixture.version.hash.count == 64)
        // Same model, different text: a different version. Same text, other name: the same version.
        #expect(StoreFixture.otherVersion.hash != StoreFixture.version.hash)
        let renamed = WorkflowVersion(source: StoreFixture.workflowSource, sourceName: "copy.yaml", workflow: StoreFixture.workflow)
        #expect(renamed.hash == StoreFixture.version.hash)
    }

    @Test func storingAWorkflowVersionTwiceKeepsOneRow() throws {
        let database = try SOPDatabase.initialized(at: folder.path("sop.db"))
        try database.write { tx in
            try tx.storeWorkflow(StoreFixture.version, at: StoreFixture.start)
            try tx.storeWorkflow(StoreFixture.otherVersion, at: StoreFixture.start)
            try tx.storeWorkflow(StoreFixture.otherVersion, at: StoreFixture.start)
        }
        try database.read { tx throws in
            #expect(try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM workflow_versions") == 2)
            #expect(try tx.workflowVersion(StoreFixture.otherVersion.hash) == StoreFixture.otherVersion)
            #expect(try tx.workflowVersion(ContentHash.sha256("nothing")) == nil)
        }
    }

    @Test func theNextCycleUsesThePreviousCyclesWorkflowElseTheDefault() throws {
        let database = try SOPDatabase(path: folder.path("sop.db"))
        #expect(try database.read { try $0.workflowForNextCycle() } == nil, "an uninitialised database has none")
        try database.initialize(workflow: StoreFixture.version, team: StoreFixture.team, at: StoreFixture.start)
        #expect(try database.read { try $0.workflowForNextCycle() } == StoreFixture.version, "no cycle yet: the default")

        _ = try ScriptedCycle(database, month: "2026-11", version: StoreFixture.otherVersion)
        #expect(try database.read { try $0.workflowForNextCycle() } == StoreFixture.otherVersion, "the previous cycle's")

        // An earlier month opened later does not change which cycle is the previous one.
        _ = try ScriptedCycle(database, month: "2026-10", version: StoreFixture.version)
        #expect(try database.read { try $0.workflowForNextCycle() } == StoreFixture.otherVersion)

        _ = try ScriptedCycle(database, month: "2026-12", version: StoreFixture.version)
        #expect(try database.read { try $0.workflowForNextCycle() } == StoreFixture.version)
    }
}
