import SOPCore
import Testing

/// `why` as SOPCore returns it: facts to assert on, with no English to parse.
@Suite struct SOPCoreExplainsAStageInFactsNotSentences {
    @Test func aWaitingStageIsExplainedByTheStageItWaitsForAndWhoOwnsIt() throws {
        let c = try Cycle()
        let why = try c.state.explain("demand", team: c.team, today: Cycle.today)
        #expect(why.stage == "demand")
        #expect(why.state == .waiting)
        let owner = try #require(c.workflow.stage("gather")?.owner)
        #expect(why.facts.contains(.waitsFor(upstream: "gather", state: .open,
            owner: StageExplanation.RoleHolders(role: owner, people: c.team.holders(of: owner)))))
        #expect(why.facts.contains { if case .due = $0 { true } else { false } })
    }

    @Test func anOpenStageListsEachMissingInputAndWhoMaySubmit() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        try c.run(.link("demand", "dashboard", "https://bi.example.com/d"), as: "dan")
        let why = try c.state.explain("demand", team: c.team, today: Cycle.today)
        #expect(why.facts.contains(.inputMissing("assumptions")))
        #expect(!why.facts.contains(.inputMissing("forecast")))
        #expect(why.facts.contains(.signoffNeededOnceInputsIn(roles: ["demand", "sales"])))
        let submitters = why.facts.compactMap { if case .submitters(let h) = $0 { h.map(\.role) } else { nil } }
        #expect(submitters.count == 1)
    }
}
