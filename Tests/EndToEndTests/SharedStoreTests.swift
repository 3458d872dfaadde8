import Foundation
import SOPShell
import Testing

/// The test server for the shared store: `scripts/test` starts a throw-away cluster and exports its
/// superuser URL as SOP_TEST_PG_URL. Without it these tests fail under CI=true (a CI run that skipped
/// them would prove nothing) and are skipped locally.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["SOP_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let available = url != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    /// A new empty database on the test server, as a database owner makes one with `createdb`; its URL.
    static func database() throws -> String {
        guard let url, let slash = url.range(of: "/", options: .backwards) else {
            throw E2EError("SOP_TEST_PG_URL is not set, and CI needs the shared-store tests to run (scripts/test starts the cluster)")
        }
        let name = "e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'"]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0 else { throw E2EError("psql could not create database \(name) on \(url)") }
        return String(url[..<slash.lowerBound]) + "/" + name
    }

    /// The events the server itself holds in the database at `url`, read with psql (not through sop).
    static func eventCount(_ url: String) throws -> Int {
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [url, "-tA", "-c", "SELECT count(*) FROM events"]
        let pipe = Pipe()
        psql.standardOutput = pipe
        try psql.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        psql.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// DESIGN.md, "Shared store": every command behaves the same on both stores. Each bundled playbook is
/// played on a file and on a server database, both set up by `sop init` at the playbook's clock; the
/// playbook's own output, the JSON of the reports and the audit (down to the head hash) must be equal.
@Suite(.enabled(if: TestServer.available, "SOP_TEST_PG_URL is not set: eval \"$(scripts/pg-cluster start)\""))
struct SharedStoreTests {
    /// The reports read after a playbook, each as JSON: what a person or a script sees of the record.
    static let reports: [[String]] = [
        ["status"], ["log"], ["cycle", "list"], ["decisions", "--all-cycles"], ["actions"], ["agenda"], ["metrics"],
        ["audit", "verify"], ["inbox", "--all"],
    ]

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test(arguments: PlaybookTests.playbooks)
    func aPlaybookPlaysTheSameOnAFileAndOnTheServer(file: String) throws {
        let clock = try #require(Playbook.leadingClock(of: file), "\(file) starts with a clock line")
        let box = try Sandbox()
        let stores = [box.db, try TestServer.database()]
        var plays: [Outcome] = []
        for store in stores {
            let created = try box.run(["--db", store, "--now", Self.iso(clock), "init"], db: false)
            #expect(created.code == 0, "init on \(store): \(created)")
            plays.append(try box.run(["--db", store, "play", file], db: false))
        }
        #expect(plays[0].code == 0, "\(plays[0])")
        #expect(plays[1].code == plays[0].code, "\(plays[1])")
        #expect(plays[1].out == plays[0].out, "the playbook's output on the server differs from the file's")
        #expect(plays[1].err == plays[0].err)
        #expect(plays[0].outLines.last?.hasSuffix("checks passed") == true, "\(plays[0])")
        let events = try box.eventCount()
        #expect(events > 0)
        #expect(try TestServer.eventCount(stores[1]) == events, "the server holds every event the file holds")
        for report in Self.reports {
            let seen = try stores.map { store in try box.run(["--db", store, "--json", "--as", "maria"] + report, db: false) }
            #expect(seen[1].code == seen[0].code, "\(report): \(seen[1])")
            #expect(seen[1].out == seen[0].out, "\(report.joined(separator: " ")) on the server differs from the file's:\n\(seen[1].out)\n---\n\(seen[0].out)")
        }
    }
}
