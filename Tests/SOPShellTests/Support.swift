import Foundation
@testable import SOPShell
import SOPStore
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// The package root, found from this file, for README and Workflows checks.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A session on a fresh in-memory database with the bundled workflow and team and November open.
func novemberSession(actor: String? = "maria") throws -> Session {
    let database = try SOPDatabase()
    let starter = try DatabaseSetup.bundledStarter()
    try database.initialize(workflow: starter.workflow, team: starter.team, at: Date(timeIntervalSince1970: 0))
    let now = try Date.ISO8601FormatStyle().parse("2026-11-05T09:00:00Z")
    let session = Session(database: database, mode: .batch, now: now)
    if let actor { try session.act(as: actor) }
    _ = try session.run(line: "as maria")
    _ = try session.run(line: "cycle open 2026-11")
    if let actor { try session.act(as: actor) }
    return session
}

func eventCount(_ session: Session) throws -> Int {
    try session.database.read { try $0.eventCount() }
}
