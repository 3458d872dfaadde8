import Foundation
import SOPCore
import Testing

/// Handing in exactly what an input already holds is not a new version: nothing is recorded and no
/// sign-off goes stale.
@Suite struct AnIdenticalResubmissionRecordsNothing {
    /// Demand in review with dan's sign-off on version 1 of every input.
    func signedDemand() throws -> Cycle {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        try c.run(.sign("demand"), as: "dan")
        return c
    }

    @Test(arguments: [
        CycleCommand.file("demand", "forecast", Fixture.goodForecast),
        CycleCommand.note("demand", "assumptions", "promo in week 47"),
        CycleCommand.link("demand", "dashboard", "https://bi.example.com/forecast/11"),
    ])
    func theSameBytesNoteOrLinkIsUnchanged(command: CycleCommand) throws {
        var c = try signedDemand()
        let before = c.snapshot
        let decision = try c.state.decision(command, by: try c.participant("kim"), team: c.team, context: c.context)
        guard case .submit(_, let input, _) = command else { throw HarnessError("not a submission") }
        #expect(decision == .unchanged(UnchangedInput(stage: "demand", input: input, version: 1)))
        #expect(try c.run(command, as: "kim").isEmpty, "decide returns no events")
        #expect(c.snapshot == before, "nothing recorded, nothing stale")
        #expect(try c.status("demand").staleSignoffs.isEmpty)
        #expect(try c.status("demand").missingSignoffs == ["sales"], "dan's sign-off still counts")
    }

    @Test func theSameBytesUnderAnotherFileNameAreUnchanged() throws {
        var c = try signedDemand()
        let same = CycleCommand.submit(
            stage: "demand", input: "forecast",
            content: .file(name: "copy.csv", bytes: Data(Fixture.goodForecast.utf8), sha256: CycleCommand.fakeDigest(Data(Fixture.goodForecast.utf8))))
        #expect(try c.run(same, as: "dan").isEmpty)
    }

    @Test func differentContentIsANewVersionAndMakesTheSignoffStale() throws {
        var c = try signedDemand()
        let produced = try c.run(.note("demand", "assumptions", "promo in week 48"), as: "dan")
        #expect(produced.count == 1)
        #expect(c.state.record("demand").inputs["assumptions"]?.version == 2)
        #expect(c.state("demand") == .review)
        #expect(try c.status("demand").staleSignoffs.map(\.role) == ["demand"])
    }

    @Test func theSameContentAfterARejectionAnswersItAndIsRecorded() throws {
        var c = try signedDemand()
        try c.run(.reject("demand", "check the promo", input: "assumptions"), as: "sally")
        let produced = try c.run(.note("demand", "assumptions", "promo in week 47"), as: "dan")
        #expect(produced.count == 1, "a rejected version is not current")
        #expect(c.state.record("demand").inputs["assumptions"]?.version == 2)
    }

    @Test func whoMaySubmitIsCheckedBeforeSameness() throws {
        var c = try signedDemand()
        let r = c.refusal(.note("demand", "assumptions", "promo in week 47"), as: "paul")
        #expect(r?.rule == .permission)
    }
}
