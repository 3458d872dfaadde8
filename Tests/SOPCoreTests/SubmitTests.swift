import Foundation
import SOPCore
import Testing

/// `submit STAGE INPUT ...`: who may submit, when, and what each input format accepts.
@Suite struct SubmitTests {
    /// Owner role (both holders), contributor role, a holder of both, and the leader.
    @Test(arguments: ["dan", "dora", "sally", "kim", "maria"])
    func allowedSubmitters(who: String) throws {
        var c = try Cycle()
        try c.completeGather()
        let produced = try c.run(.note("demand", "assumptions", "written by \(who)"), as: who)
        #expect(produced == [
            .inputSubmitted(InputSubmitted(stage: "demand", input: "assumptions", version: 1, content: .note("written by \(who)")))
        ])
        #expect(c.state.record("demand").inputs["assumptions"]?.by == who)
    }

    @Test(arguments: ["paul", "fiona", "omar"])
    func othersMayNotSubmit(who: String) throws {
        var c = try Cycle()
        try c.completeGather()
        let r = c.refusal(.note("demand", "assumptions", "sneaky"), as: who)
        #expect(r?.rule == .permission)
        #expect(r?.message.contains(who) == true)
        #expect(r?.fix.contains("dan") == true, "the fix names who may submit")
        #expect(r?.fix.contains("sally") == true, "contributors are named too")
    }

    @Test func theLeaderMaySubmitToAnyStage() throws {
        var c = try Cycle()
        try c.run(.note("gather", "history", "leader did it"), as: "maria")
        #expect(c.state("gather") == .review)
    }

    @Test func submittingWhileWaitingIsRefusedByTheGate() throws {
        var c = try Cycle()
        let r = c.refusal(.file("supply", "supply-plan", Fixture.goodSupplyPlan), as: "paul")
        #expect(r?.rule == .gate)
        #expect(r?.message.contains("demand") == true, "names the stage it waits for")
        let byLeader = c.refusal(.note("demand", "assumptions", "early"), as: "maria")
        #expect(byLeader?.rule == .gate, "not even the leader submits to a waiting stage")
        #expect(byLeader?.message.contains("gather") == true)
    }

    @Test func submittingToAWaivedStageIsRefused() throws {
        var c = try Cycle()
        try c.run(.waive("gather", "loaded last month"), as: "maria")
        let r = c.refusal(.note("gather", "history", "late"), as: "dan")
        #expect(r?.rule == .stageState)
        #expect(r?.message.contains("waived") == true)
    }

    @Test func unknownStageAndInput() throws {
        var c = try Cycle()
        let stage = c.refusal(.note("forecasting", "x", "y"), as: "dan")
        #expect(stage?.rule == .unknownStage)
        #expect(stage?.message.contains("forecasting") == true)
        #expect(stage?.fix.contains("gather") == true, "the fix lists the stages")
        let input = c.refusal(.note("gather", "histroy", "y"), as: "dan")
        #expect(input?.rule == .unknownInput)
        #expect(input?.message.contains("histroy") == true)
        #expect(input?.fix.contains("history") == true, "the fix lists the inputs")
    }

    @Test func resubmittingFromDoneIsAllowedAndCountsVersions() throws {
        var c = try Cycle()
        try c.completeGather()
        #expect(c.state("gather") == .done)
        let produced = try c.run(.note("gather", "history", "corrected export"), as: "dora")
        #expect(produced == [
            .inputSubmitted(InputSubmitted(stage: "gather", input: "history", version: 2, content: .note("corrected export")))
        ])
        #expect(c.state("gather") == .review)
        try c.run(.note("gather", "history", "third time"), as: "dan")
        #expect(c.state.record("gather").inputs["history"]?.version == 3)
    }

    @Test func resubmittingFromReviewKeepsReview() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        try c.run(.note("demand", "assumptions", "v2"), as: "sally")
        #expect(c.state("demand") == .review)
        #expect(c.state.record("demand").inputs["assumptions"]?.version == 2)
        #expect(c.state.record("demand").inputs["forecast"]?.version == 1, "versions are per input")
    }

    @Test func fileSubmissionsRecordNameHashAndSize() throws {
        var c = try Cycle()
        try c.completeGather()
        let bytes = Data(Fixture.goodForecast.utf8)
        let produced = try c.run(
            .submit(stage: "demand", input: "forecast", content: .file(name: "nov.csv", bytes: bytes, sha256: "abc123")), as: "dan")
        #expect(produced == [
            .inputSubmitted(InputSubmitted(
                stage: "demand", input: "forecast", version: 1, content: .file(name: "nov.csv", sha256: "abc123", size: bytes.count)))
        ])
    }
}

/// What each `format:` accepts; every refusal is `.inputFormat` and changes nothing.
@Suite struct InputFormatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var command: CycleCommand
        var accepted: Bool
        /// Text the refusal message must contain.
        var mentions: String = ""
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        // csv: a file, checked by CSVCheck
        Case(label: "csv file", command: .file("demand", "forecast", Fixture.goodForecast), accepted: true),
        Case(label: "csv as note", command: .note("demand", "forecast", "family,month,quantity"), accepted: false, mentions: "CSV file"),
        Case(label: "csv as link", command: .link("demand", "forecast", "https://x.example.com/f.csv"), accepted: false, mentions: "CSV file"),
        Case(label: "csv missing column", command: .file("demand", "forecast", "family,month\nw,11\n", name: "f.csv"), accepted: false, mentions: "quantity"),
        // link: contains ://
        Case(label: "link", command: .link("demand", "dashboard", "https://bi.example.com/forecast/11"), accepted: true),
        Case(label: "link without scheme", command: .link("demand", "dashboard", "bi.example.com/forecast"), accepted: false, mentions: "not a URL"),
        Case(label: "link with a space", command: .link("demand", "dashboard", "https://bi.example.com/a b"), accepted: false, mentions: "not a URL"),
        Case(label: "link as note", command: .note("demand", "dashboard", "see the dashboard"), accepted: false, mentions: "takes a link"),
        Case(label: "link as file", command: .file("demand", "dashboard", "https://x.example.com", name: "url.txt"), accepted: false, mentions: "takes a link"),
        // text: a UTF-8 file or a non-empty note
        Case(label: "text note", command: .note("demand", "assumptions", "promo in week 47"), accepted: true),
        Case(label: "text UTF-8 file", command: .file("demand", "assumptions", "Prämissen: Aktion in KW 47\n", name: "a.txt"), accepted: true),
        Case(label: "text non-UTF-8 file", command: .fileBytes("demand", "assumptions", Data([0x50, 0x72, 0xE4, 0x6D, 0xFF]), name: "a.txt"), accepted: false, mentions: "a.txt is not UTF-8"),
        Case(label: "text as link", command: .link("demand", "assumptions", "https://wiki.example.com/a"), accepted: false, mentions: "takes text"),
        Case(label: "text empty note", command: .note("demand", "assumptions", ""), accepted: false, mentions: "empty"),
        Case(label: "text blank note", command: .note("demand", "assumptions", "  \n\t "), accepted: false, mentions: "empty"),
        // any: whatever is handed in, except an empty note
        Case(label: "any note", command: .note("gather", "history", "ERP export"), accepted: true),
        Case(label: "any link", command: .link("gather", "history", "https://erp.example.com/h"), accepted: true),
        Case(label: "any binary file", command: .fileBytes("gather", "history", Data([0x00, 0xFF, 0xFE]), name: "h.xlsx"), accepted: true),
        Case(label: "any empty note", command: .note("gather", "history", " "), accepted: false, mentions: "empty"),
    ]

    @Test(arguments: cases)
    func format(_ t: Case) throws {
        var c = try Cycle()
        // Demand's inputs need gather done first; the any-format cases go to gather itself.
        if case .submit(let stage, _, _) = t.command, stage == "demand" { try c.completeGather() }
        if t.accepted {
            let produced = try c.run(t.command, as: "dan")
            #expect(produced.count == 1)
        } else {
            let r = c.refusal(t.command, as: "dan")
            #expect(r?.rule == .inputFormat)
            #expect(r?.message.contains(t.mentions) == true, "\(r?.message ?? "no refusal")")
        }
    }
}
