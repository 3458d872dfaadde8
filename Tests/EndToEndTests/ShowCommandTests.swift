import Foundation
import SOPStore
import Testing

/// `show STAGE INPUT` through the binary: what was submitted comes back byte for byte, any version,
/// to stdout or a file that is never overwritten unasked, with its history; anyone on the team reads it.
@Suite struct ShowCommandTests {
    /// One stage with an input of each kind: a checked CSV, any file, a note, a link.
    static let workflow = """
        workflow: show-test
        title: Reading back submissions
        roles: { leader: Leader, sponsor: Sponsor, product: Product, demand: Demand, sales: Sales, supply: Supply, finance: Finance }
        stages:
          - id: planning
            title: Planning
            owner: demand
            due: 5
            inputs:
              - { id: forecast, title: Forecast, format: csv, columns: [family, month, quantity] }
              - { id: model, title: Planning model }
              - { id: assumptions, title: Assumptions, format: text }
              - { id: erp-plan, title: ERP plan, format: link }
            signoffs: [demand]
        """

    /// Bytes no text path would keep: no final newline, CR LF, NUL, invalid UTF-8, every byte value.
    static let binary = Data([0x00, 0x0D, 0x0A, 0xFF, 0xFE, 0x1B, 0x5B, 0x32, 0x4A] + Array(0...255).map { UInt8($0) })
    static let forecastV1 = "family,month,quantity\r\nwidgets,2026-11,120\r\ngadgets,2026-11,80"
    static let forecastV2 = "family,month,quantity\nwidgets,2026-11,125\ngadgets,2026-11,80\n"

    /// A database on that workflow with November open.
    static func opened() throws -> Sandbox {
        let box = try Sandbox()
        try box.write("show.yaml", workflow)
        try box.ok(["init", "--workflow", box.path("show.yaml"), "--team", Package.path("Workflows/team.yaml")])
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"])
        return box
    }

    /// Writes bytes into the sandbox and returns the path.
    static func file(_ box: Sandbox, _ name: String, _ bytes: Data) throws -> String {
        try bytes.write(to: URL(fileURLWithPath: box.path(name)))
        return box.path(name)
    }

    /// Runs sop and returns stdout as bytes, untouched (`Sandbox.run` reads it as text).
    static func rawOut(_ box: Sandbox, _ args: [String]) throws -> (out: Data, err: String, code: Int32) {
        let (process, outURL, errURL) = try box.process(["--db", box.db] + args, stdin: nil, env: [:], db: false)
        try process.run()
        process.waitUntilExit()
        let out = try Data(contentsOf: outURL)
        let err = try String(contentsOf: errURL, encoding: .utf8)
        return (out, err, process.terminationStatus)
    }

    @Test func aSubmittedFileComesBackByteForByte() throws {
        let box = try Self.opened()
        let model = try Self.file(box, "model.bin", Self.binary)
        let forecast = try Self.file(box, "forecast.csv", Data(Self.forecastV1.utf8))
        try box.ok(["--as", "dan", "submit", "planning", "model", model])
        try box.ok(["--as", "dan", "submit", "planning", "forecast", forecast])
        let shownModel = try Self.rawOut(box, ["show", "planning", "model"])
        #expect(shownModel.code == 0 && shownModel.err.isEmpty, "\(shownModel.err)")
        #expect(shownModel.out == Self.binary, "every byte, nothing added")
        let shownForecast = try Self.rawOut(box, ["show", "planning", "forecast"])
        #expect(shownForecast.out == Data(Self.forecastV1.utf8), "a piped CSV is raw, not a table")
    }

    @Test func anEarlierVersionIsReachedAndAnUnknownOneRefusedNamingTheVersions() throws {
        let box = try Self.opened()
        try box.ok(["--as", "dan", "submit", "planning", "forecast", Self.file(box, "v1.csv", Data(Self.forecastV1.utf8))])
        try box.ok(["--as", "lee", "submit", "planning", "forecast", Self.file(box, "v2.csv", Data(Self.forecastV2.utf8))])
        #expect(try Self.rawOut(box, ["show", "planning", "forecast"]).out == Data(Self.forecastV2.utf8))
        #expect(try Self.rawOut(box, ["show", "planning", "forecast", "--version", "2"]).out == Data(Self.forecastV2.utf8))
        #expect(try Self.rawOut(box, ["show", "planning", "forecast", "--version", "1"]).out == Data(Self.forecastV1.utf8))
        let events = try box.eventCount()
        let unknown = try box.run(["show", "planning", "forecast", "--version", "3"])
        #expect(unknown.code == 1, "\(unknown)")
        #expect(unknown.out.isEmpty)
        #expect(unknown.errLines == ["error: planning forecast has no version 3 in cycle 2026-11 (use one of: 1 or 2)"])
        let usage = try box.run(["show", "planning", "forecast", "--version", "latest"])
        #expect(usage.code == 2 && usage.err.contains("--version needs a positive whole number"), "\(usage)")
        #expect(try box.eventCount() == events, "reading changes nothing")
    }

    @Test func theHistorySaysWhoSubmittedWhatWhenInTextAndJSON() throws {
        let box = try Self.opened()
        try box.ok(["--as", "dan", "--now", "2026-11-05T09:00:00Z", "submit", "planning", "forecast", Self.file(box, "v1.csv", Data(Self.forecastV1.utf8))])
        try box.ok(["--as", "lee", "--now", "2026-11-06T14:30:00Z", "submit", "planning", "forecast", Self.file(box, "v2.csv", Data(Self.forecastV2.utf8))])
        try box.ok(["--as", "maria", "--now", "2026-11-06T15:00:00Z", "reject", "planning", "--input", "forecast", "--reason", "gadgets are flat"])
        let v1 = ContentHash.sha256(Self.forecastV1), v2 = ContentHash.sha256(Self.forecastV2)
        let text = try box.ok(["--now", "2026-11-07T09:00:00Z", "show", "planning", "forecast", "--history"])
        #expect(text.outLines.count == 4, "\(text)")
        #expect(text.outLines[0] == "planning forecast in cycle 2026-11: 2 versions")
        #expect(text.outLines[1].hasPrefix("VERSION  WHEN (UTC)"))
        #expect(text.outLines[2].hasPrefix("1        2026-11-05 09:00Z  dan  \(Self.forecastV1.utf8.count)"), "\(text)")
        #expect(text.outLines[2].contains(String(v1.prefix(12))) && text.outLines[2].contains("file v1.csv"))
        #expect(text.outLines[3].contains("2026-11-06 14:30Z  lee") && text.outLines[3].contains(String(v2.prefix(12))))
        #expect(text.outLines[3].hasSuffix("(rejected by maria: gadgets are flat)"))

        let json = try box.ok(["--json", "show", "planning", "forecast"]).json() as? [String: Any]
        let history = json?["history"] as? [[String: Any]]
        #expect(history?.map { $0["version"] as? Int } == [1, 2])
        #expect(history?.map { $0["by"] as? String } == ["dan", "lee"])
        #expect(history?.map { $0["sha256"] as? String } == [v1, v2])
        #expect(history?.map { $0["size"] as? Int } == [Self.forecastV1.utf8.count, Self.forecastV2.utf8.count])
        #expect(history?.first?["at"] as? String == "2026-11-05 09:00Z")
        let shown = json?["shown"] as? [String: Any]
        #expect(shown?["version"] as? Int == 2 && shown?["kind"] as? String == "file" && shown?["current"] as? Bool == false)
        #expect((shown?["rejected"] as? [String: Any])?["reason"] as? String == "gadgets are flat")
        #expect(json?["stage"] as? String == "planning" && json?["input"] as? String == "forecast" && json?["cycle"] as? String == "2026-11")
    }

    @Test func aNotePrintsItsTextAndALinkItsURL() throws {
        let box = try Self.opened()
        try box.ok(["--as", "dan", "submit", "planning", "assumptions", "--note", "Promo in week 47, price +3 %"])
        try box.ok(["--as", "dan", "submit", "planning", "erp-plan", "--link", "https://erp.example.com/plans/2026-11?v=2"])
        #expect(try box.ok(["show", "planning", "assumptions"]).out == "Promo in week 47, price +3 %\n")
        #expect(try box.ok(["show", "planning", "erp-plan"]).out == "https://erp.example.com/plans/2026-11?v=2\n")
        let json = try box.ok(["--json", "show", "planning", "erp-plan"]).json() as? [String: Any]
        #expect((json?["shown"] as? [String: Any])?["url"] as? String == "https://erp.example.com/plans/2026-11?v=2")
    }

    @Test func outputWritesTheFileAndNeverOverwritesOneUnlessForced() throws {
        let box = try Self.opened()
        try box.ok(["--as", "dan", "submit", "planning", "model", Self.file(box, "model.bin", Self.binary)])
        let target = box.path("export/copy.bin")
        try FileManager.default.createDirectory(atPath: box.path("export"), withIntermediateDirectories: true)
        let written = try box.ok(["show", "planning", "model", "--output", target])
        #expect(written.out == "Wrote planning model version 1 (\(Self.binary.count) bytes) to \(target).\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Self.binary)

        try Data("my working copy".utf8).write(to: URL(fileURLWithPath: target))
        let refused = try box.run(["show", "planning", "model", "--output", target])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.errLines == ["error: \(target) already exists (name a new file, or add --force to replace it)"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("my working copy".utf8), "left as it was")

        try box.ok(["show", "planning", "model", "--output", target, "--force"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Self.binary)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.path("export")) == ["copy.bin"], "no temporary file is left behind")

        let note = box.path("export/note.txt")
        try box.ok(["--as", "dan", "submit", "planning", "assumptions", "--note", "flat"])
        try box.ok(["show", "planning", "assumptions", "--output", note])
        #expect(try String(contentsOfFile: note, encoding: .utf8) == "flat", "a note is written as its text")
        let noFolder = try box.run(["show", "planning", "model", "--output", box.path("missing/copy.bin")])
        #expect(noFolder.code == 1 && noFolder.err.contains("does not exist"), "\(noFolder)")
    }

    @Test func anyoneOnTheTeamReadsBackWithoutActingAsAnyone() throws {
        let box = try Self.opened()
        try box.ok(["--as", "dan", "submit", "planning", "assumptions", "--note", "flat demand"])
        // sofia (sales) may not submit to planning, yet reads what dan submitted; so may a reader with no --as.
        #expect(try box.ok(["--as", "sofia", "show", "planning", "assumptions"]).out == "flat demand\n")
        #expect(try box.ok(["show", "planning", "assumptions"]).out == "flat demand\n")
        #expect(try box.ok(["--as", "dan", "show", "planning", "assumptions"]).out == "flat demand\n", "the submitter reads back their own")
    }

    @Test func unknownStagesInputsAndUnsubmittedInputsAreRefusedNamingWhatThereIs() throws {
        let box = try Self.opened()
        let stage = try box.run(["show", "plannnig", "forecast"])
        #expect(stage.code == 1 && stage.err.contains("no stage 'plannnig'") && stage.err.contains("planning"), "\(stage)")
        let input = try box.run(["show", "planning", "forcast"])
        #expect(input.errLines == ["error: planning has no input 'forcast' (use one of: forecast, model, assumptions, or erp-plan)"])
        let none = try box.run(["show", "planning", "forecast"])
        #expect(none.code == 1, "\(none)")
        #expect(none.err.contains("planning forecast has not been submitted in cycle 2026-11"), "\(none)")
        let history = try box.run(["show", "planning", "forecast", "--history"])
        #expect(history.code == 1 && history.err.contains("has not been submitted"), "\(history)")
        let mixed = try box.run(["show", "planning", "forecast", "--history", "--version", "1"])
        #expect(mixed.code == 2, "\(mixed)")
        let force = try box.run(["show", "planning", "forecast", "--force"])
        #expect(force.code == 2 && force.err.contains("--force"), "\(force)")
    }

    @Test func aStoredFileChangedOutsideSopIsNotHandedOut() throws {
        let box = try Self.opened()
        try box.ok(["--as", "dan", "submit", "planning", "forecast", Self.file(box, "v1.csv", Data(Self.forecastV1.utf8))])
        try RecordCommandTests.sqlite(box.db, "UPDATE artifacts SET content = CAST('family,month,quantity' AS BLOB);")
        let shown = try Self.rawOut(box, ["show", "planning", "forecast"])
        #expect(shown.code == 1)
        #expect(shown.out.isEmpty, "not one byte of the changed file")
        #expect(shown.err.contains("no longer matches its SHA-256") && shown.err.contains("sop check"), "\(shown.err)")
        let target = box.path("copy.csv")
        #expect(try box.run(["show", "planning", "forecast", "--output", target]).code == 1)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func theBundledTourReadsBackTheForecastItSubmitted() throws {
        let box = try RecordCommandTests.played()
        let shown = try Self.rawOut(box, ["show", "demand-review", "unconstrained-forecast", "--version", "1"])
        #expect(shown.code == 0, "\(shown.err)")
        #expect(shown.out == (try Data(contentsOf: URL(fileURLWithPath: Sample.forecast))))
    }
}
