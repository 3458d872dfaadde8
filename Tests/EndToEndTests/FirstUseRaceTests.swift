import Foundation
import Testing

/// Creating the database is all-or-nothing and safe when several processes start at once.
@Suite struct FirstUseRaceTests {
    /// A usage error in the global options is found before the missing database is created.
    @Test func aBadCycleOptionCreatesNoDatabase() throws {
        let box = try Sandbox()
        let result = try box.run(["--cycle", "2026-13", "status"])
        #expect(result.code == 2, "\(result)")
        #expect(!box.databaseExists, "a usage error must not create \(box.db)")
    }

    /// Two processes that both find no database: one builds it and links it into place, the other
    /// uses it. Both succeed and exactly one cycle is opened.
    @Test func twoProcessesCreatingTheDatabaseAtOnceBothSucceed() throws {
        for attempt in 1...8 {
            let box = try Sandbox()
            let started = try (0..<2).map { _ -> (Process, URL, URL) in
                let launched = try box.process(["status"], stdin: nil, env: [:], db: true)
                try launched.0.run()
                return launched
            }
            let outcomes = try started.map { try Sandbox.collect($0.0, $0.1, $0.2) }
            for outcome in outcomes { #expect(outcome.code == 0, "attempt \(attempt): \(outcome)") }
            #expect(box.databaseExists, "attempt \(attempt): the database is missing")
            #expect(try box.eventCount() == 1, "attempt \(attempt): one cycle opened, not two")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.contains(".creating-") }
            #expect(leftovers.isEmpty, "attempt \(attempt): temporary files left: \(leftovers)")
        }
    }
}
