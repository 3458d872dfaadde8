import Foundation
import Testing

/// `sop play`: every bundled playbook passes on a fresh database; failures stop with FILE:LINE:.
@Suite struct PlaybookTests {
    static let playbooks: [String] = (try? Package.files(in: "Playbooks", ext: "sop")) ?? []

    @Test func thereArePlaybooks() {
        #expect(!Self.playbooks.isEmpty, "Playbooks/*.sop")
    }

    /// The `--now` a playbook's header asks for (`sop ... --now X play ...`), if any.
    static func clock(of file: String) throws -> String? {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("#") && line.contains(" play ") {
            let words = line.split(separator: " ").map(String.init)
            if let i = words.firstIndex(of: "--now"), i + 1 < words.count { return words[i + 1] }
        }
        return nil
    }

    @Test(arguments: playbooks)
    func everyPlaybookPassesOnAFreshDatabase(file: String) throws {
        let box = try Sandbox()
        let now = try Self.clock(of: file).map { ["--now", $0] } ?? []
        let result = try box.run(now + ["play", file])
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        let summary = try #require(result.outLines.last)
        #expect(summary.hasPrefix(file + ": ") && summary.hasSuffix("checks passed"), "\(summary)")
        // `play` creates the database without a cycle; the playbook opened its own.
        let list = try box.ok(["--json", "cycle", "list"])
        #expect(((try list.json() as? [Any])?.count ?? 0) >= 1)
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
        try box.write("book/data/good.csv", "family,month,quantity\nx,2026-11,1\n")
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
