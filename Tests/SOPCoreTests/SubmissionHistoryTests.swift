import Foundation
import SOPCore
import Testing

/// `show`'s reading of a cycle: every version of an input, who and when, rejections, and refusals
/// that name what there is.
@Suite struct SubmissionHistoryTests {
    /// gather done; demand's forecast submitted twice by dan then kim, the second rejected by sally.
    static func twoForecasts() throws -> Cycle {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast, name: "forecast-v1.csv"), as: "dan")
        try c.run(.note("demand", "assumptions", "promo in week 47"), as: "dan")
        try c.run(.file("demand", "forecast", Fixture.goodForecast + "extras,2026-11,5\n", name: "forecast-v2.csv"), as: "kim")
        try c.run(.reject("demand", "extras are not a family", input: "forecast"), as: "sally")
        return c
    }

    @Test func everyVersionOfTheInputOldestFirstWithWhoAndWhen() throws {
        let c = try Self.twoForecasts()
        let history = try SubmissionHistory.of(stage: "demand", input: "forecast", in: c.state, events: c.events)
        #expect(history.versions.map(\.version) == [1, 2])
        #expect(history.versions.map(\.by) == ["dan", "kim"])
        #expect(history.versions[0].at < history.versions[1].at)
        guard case .file(let name, _, _) = history.versions[0].content else { Issue.record("version 1 is a file"); return }
        #expect(name == "forecast-v1.csv")
        #expect(history.versions[0].rejection == nil, "the rejection came after version 2, so it is version 2's")
        #expect(history.versions[1].rejection?.by == "sally")
        #expect(history.versions[1].rejection?.reason == "extras are not a family")
        #expect(history.input.id == "forecast" && history.stage == "demand" && history.cycle == c.state.id)
    }

    @Test func otherInputsOfTheStageAreNotPartOfTheHistory() throws {
        let c = try Self.twoForecasts()
        let history = try SubmissionHistory.of(stage: "demand", input: "assumptions", in: c.state, events: c.events)
        #expect(history.versions.map(\.content) == [.note("promo in week 47")])
        #expect(history.versions[0].rejection == nil, "the rejection named only the forecast")
    }

    @Test func aVersionIsChosenByNumberAndTheNewestWhenNoneIsGiven() throws {
        let c = try Self.twoForecasts()
        let history = try SubmissionHistory.of(stage: "demand", input: "forecast", in: c.state, events: c.events)
        #expect(try history.version(nil).version == 2)
        #expect(try history.version(1).by == "dan")
    }

    @Test func anUnknownVersionIsRefusedNamingTheVersionsThereAre() throws {
        let c = try Self.twoForecasts()
        let history = try SubmissionHistory.of(stage: "demand", input: "forecast", in: c.state, events: c.events)
        #expect(throws: Refusal(.unknownVersion, "demand forecast has no version 3 in cycle 2026-11", fix: "use one of: 1 or 2")) {
            try history.version(3)
        }
        let single = try SubmissionHistory.of(stage: "demand", input: "assumptions", in: c.state, events: c.events)
        #expect(throws: Refusal(.unknownVersion, "demand assumptions has no version 2 in cycle 2026-11", fix: "there is only version 1: leave out --version")) {
            try single.version(2)
        }
    }

    @Test func anInputNeverSubmittedIsRefusedWithHowToSubmitIt() throws {
        let c = try Self.twoForecasts()
        let history = try SubmissionHistory.of(stage: "demand", input: "dashboard", in: c.state, events: c.events)
        #expect(history.versions.isEmpty)
        let refusal = #expect(throws: Refusal.self) { try history.version(nil) }
        #expect(refusal?.rule == .unknownVersion)
        #expect(refusal?.message == "demand dashboard has not been submitted in cycle 2026-11")
        #expect(refusal?.fix.contains("submit demand dashboard") == true)
    }

    @Test func anUnknownStageOrInputIsRefusedListingTheValidOnes() throws {
        let c = try Self.twoForecasts()
        let stage = #expect(throws: Refusal.self) { try SubmissionHistory.of(stage: "forecasting", input: "x", in: c.state, events: c.events) }
        #expect(stage?.rule == .unknownStage)
        #expect(stage?.fix.contains("gather") == true)
        let input = #expect(throws: Refusal.self) { try SubmissionHistory.of(stage: "demand", input: "forcast", in: c.state, events: c.events) }
        #expect(input?.rule == .unknownInput)
        #expect(input?.fix == "use one of: forecast, assumptions, or dashboard")
    }
}
