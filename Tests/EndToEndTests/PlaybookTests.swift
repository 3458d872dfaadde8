import Foundation
import Testing

/// `sop play`: every bundled playbook passes on a fresh database; failures stop with FILE:LINE:.
@Suite struct PlaybookTests {
    static let playbooks: [String] = (try? Package.files(in: "Playbooks", ext: "sop")) ?? []

    @Test func thereArePlaybooks() {
        #expect(!Self.playbooks.isEmpty, "Playbooks/*.sop")
    }

    /// How a run is given its clock: nothing (the system clock), SOP_NOW, or --now.
    enum Clock: CustomTestStringConvertible, Sendable {
        case system
        case environment(String)
        case option(String)
        var testDescription: String {
            switch self {
            case .system: "the system clock"
            case .environment(let now): "SOP_NOW=\(now)"
            case .option(let now): "--now \(now)"
            }
        }
    }

    /// Far apart, before and after the playbooks' own months, and today's date.
    static let clocks: [Clock] = [
        .system, .environment("2019-03-14T08:00:00Z"), .option("2031-07-20T16:00:00Z"), .environment("2045-12-31T23:30:00Z"),
    ]

    /// DESIGN.md's "Playbooks are date-proof": a playbook whose first command is a `clock` line runs
    /// the same on a fresh database whatever today's date is.
    @Test(arguments: playbooks, clocks)
    func everyPlaybookPassesOnAFreshDatabaseWhateverTheDate(file: String, clock: Clock) throws {
        let box = try Sandbox()
        let result: Outcome
        switch clock {
        case .system: result = try box.run(["play", file], env: ["SOP_NOW": ""])
        case .environment(let now): result = try box.run(["play", file], env: ["SOP_NOW": now])
        case .option(let now): result = try box.run(["--now", now, "play", file], env: ["SOP_NOW": ""])
        }
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        let summary = try #require(result.outLines.last)
        #expect(summary.hasPrefix(file + ": ") && summary.hasSuffix("checks passed"), "\(summary)")
        // `play` creates the database without a cycle; the playbook opened its own.
        let list = try box.ok(["--json", "cycle", "list"])
        #expect(((try list.json() as? [Any])?.count ?? 0) >= 1)
    }

    @Test(arguments: playbooks)
    func everyBundledPlaybookStartsWithAClockLine(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let first = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(first?.hasPrefix("clock ") == true, "\(file) starts with \(first ?? "nothing")")
    }

    @Test func aFreshDatabaseIsCreatedAtThePlaybooksFirstClock() throws {
        let box = try Sandbox()
        let file = try box.write("early.sop", """
            # A month long past, played on a clock that is years later.
            clock 2024-03-04T09:00
            as maria
            cycle open 2024-03
            expect data-gathering open
            """)
        let result = try box.run(["play", file], env: ["SOP_NOW": "2031-07-20T16:00:00Z"])
        #expect(result.code == 0, "\(result)")
        // Nothing in the record is stamped after the playbook's clock: the database began at it.
        let log = try box.ok(["--json", "log"], env: ["SOP_NOW": "2024-03-04T10:00:00Z"])
        #expect(!log.out.contains("2031-"), "\(log)")
    }

    @Test func aFailingExpectStopsWithFileAndLine() throws {
        let box = try Sandbox()
        let file = try box.write("failing.sop", """
            # line 1
            as maria
            cycle open 2026-11
            expect data-gathering open
            expect data-gathering done
            as dan
            submit data-gathering sales-actuals \(Sample.salesActuals)
            """)
        let result = try box.run(["play", file])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.hasPrefix("\(file):5: "), "\(result)")
        #expect(result.err.contains("open"), "says what the state is: \(result)")
        #expect(try box.eventCount() == 1, "lines after the failure did not run")
    }

    @Test func expectRefusedOfACommandThatSucceedsFailsThePlaybook() throws {
        let box = try Sandbox()
        let file = try box.write("wrong.sop", """
            as maria
            cycle open 2026-11
            as dan
            expect-refused submit data-gathering sales-actuals \(Sample.salesActuals)
            signoff data-gathering
            """)
        let result = try box.run(["play", file])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.hasPrefix("\(file):4: "), "\(result)")
        #expect(result.err.contains("succeeded"), "\(result)")
    }

    @Test func expectRefusedOfARefusedCommandPassesAndPathsAreRelativeToThePlaybook() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(atPath: box.path("book/data"), withIntermediateDirectories: true)
        try box.write("book/data/bad.csv", "family,month,units\nx,2026-11,1\n")
        try box.write("book/data/good.csv", "Product Family,Period,Units Shipped\nx,2026-11,1\n")
        let file = try box.write("book/ok.sop", """
            as maria
            cycle open 2026-11
            as dan
            expect-refused submit data-gathering sales-actuals data/bad.csv
            submit data-gathering sales-actuals data/good.csv
            expect data-gathering open
            """)
        let result = try box.run(["play", file])
        #expect(result.code == 0, "\(result)")
        #expect(result.outLines.last == "\(file): 4 commands, 2 checks passed", "\(result)")
    }

    @Test(arguments: [
        ("expect data-gathering finished", 2),
        ("expect-refused frobnicate", 2),
        ("frobnicate", 2),
        ("signoff data-gathering", 2),
    ])
    func aBadPlaybookLineStopsWithFileAndLine(line: String, number: Int) throws {
        let box = try Sandbox()
        let file = try box.write("bad.sop", "cycle open 2026-11\n\(line)\n")
        let result = try box.run(["--as", "maria", "play", file])
        #expect(result.code != 0, "\(result)")
        #expect(result.err.hasPrefix("\(file):\(number): "), "\(result)")
    }

    @Test func aMissingPlaybookFails() throws {
        let box = try Sandbox()
        let result = try box.run(["play", box.path("nowhere.sop")])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.hasPrefix("error: "), "\(result)")
    }
}
