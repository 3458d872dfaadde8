import SOPCore
import Testing

/// `signoff STAGE [--comment TEXT]` (and the explicit `role:` choice).
@Suite struct SignoffTests {
    func demandInReview() throws -> Cycle {
        var c = try Cycle()
        try c.completeGather()
        try c.fillDemand()
        #expect(c.state("demand") == .review)
        return c
    }

    @Test func refusedWhileWaiting() throws {
        var c = try Cycle()
        let r = c.refusal(.sign("demand"), as: "dan")
        #expect(r?.rule == .gate)
        #expect(r?.message.contains("gather") == true)
    }

    @Test func refusedWhileOpenNamingTheMissingInputs() throws {
        var c = try Cycle()
        try c.completeGather()
        try c.run(.file("demand", "forecast", Fixture.goodForecast), as: "dan")
        let r = c.refusal(.sign("demand"), as: "dan")
        #expect(r?.rule == .stageState)
        #expect(r?.message.contains("assumptions and dashboard") == true)
    }

    @Test func refusedOnAWaivedStage() throws {
        var c = try Cycle()
        try c.run(.waive("gather", "loaded last month"), as: "maria")
        let r = c.refusal(.sign("gather"), as: "dan")
        #expect(r?.rule == .stageState)
        #expect(r?.message.contains("waived") == true)
    }

    /// The leader may reject and submit, but signs off only stages that take the leader role.
    @Test(arguments: ["omar", "paul", "fiona", "maria"])
    func refusedWithoutASignoffRole(who: String) throws {
        var c = try demandInReview()
        let r = c.refusal(.sign("demand"), as: who)
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("\(who) may not sign off demand") == true, "\(r?.message ?? "")")
        #expect(r?.message.contains("only a sign-off role (demand or sales) may") == true, "names the roles it takes")
        for holder in ["dan", "dora", "sally", "kim"] {
            #expect(r?.fix.contains(holder) == true, "names \(holder), who holds one: \(r?.fix ?? "")")
        }
        #expect(r?.fix.contains(who) == false, "does not name who was refused")
    }

    @Test func signingRecordsRoleCommentAndBasis() throws {
        var c = try demandInReview()
        let produced = try c.run(.sign("demand", comment: "  looks right \n"), as: "dan")
        #expect(produced == [
            .signedOff(SignedOff(
                stage: "demand", role: "demand", comment: "looks right",
                basis: SignoffBasis(inputs: ["forecast": 1, "assumptions": 1, "dashboard": 1], upstream: ["gather": 1])))
        ])
        let s = try c.status("demand")
        #expect(s.signoffs.map(\.role) == ["demand"])
        #expect(s.signoffs.first?.by == "dan")
        #expect(s.signoffs.first?.comment == "looks right")
        let blank = try c.run(.sign("demand", comment: "   "), as: "sally")
        #expect(blank == [
            .signedOff(SignedOff(
                stage: "demand", role: "sales", comment: nil,
                basis: SignoffBasis(inputs: ["forecast": 1, "assumptions": 1, "dashboard": 1], upstream: ["gather": 1])))
        ])
    }

    @Test func theSameRoleTwiceIsRefusedAlsoForTheSecondHolder() throws {
        var c = try demandInReview()
        try c.run(.sign("demand"), as: "dan")
        let again = c.refusal(.sign("demand"), as: "dan")
        #expect(again?.rule == .alreadySigned)
        #expect(again?.message.contains("demand by dan") == true)
        let second = c.refusal(.sign("demand"), as: "dora")
        #expect(second?.rule == .alreadySigned, "dora holds the same role, already signed by dan")
        let explicit = c.refusal(.sign("demand", role: "demand"), as: "dora")
        #expect(explicit?.rule == .alreadySigned)
        #expect(explicit?.message.contains("by dan") == true)
        #expect(c.state("demand") == .review)
    }

    @Test func aParticipantWithTwoSignoffRolesSignsOnePerCommand() throws {
        var c = try demandInReview()
        let first = try c.run(.sign("demand"), as: "kim")
        #expect(first.count == 1)
        guard case .signedOff(let a) = first.first else {
            Issue.record("expected a sign-off, got \(first)")
            return
        }
        #expect(a.role == "demand")
        #expect(c.state("demand") == .review)
        #expect(try c.status("demand").missingSignoffs == ["sales"])
        let second = try c.run(.sign("demand"), as: "kim")
        guard case .signedOff(let b) = second.first else {
            Issue.record("expected a sign-off, got \(second)")
            return
        }
        #expect(b.role == "sales")
        #expect(c.state("demand") == .done)
        let third = c.refusal(.sign("demand"), as: "kim")
        #expect(third?.rule == .alreadySigned)
        #expect(third?.message.contains("demand by kim and sales by kim") == true)
    }

    @Test func anExplicitRoleIsHonoured() throws {
        var c = try demandInReview()
        let produced = try c.run(.sign("demand", role: "sales"), as: "kim")
        guard case .signedOff(let s) = produced.first else {
            Issue.record("expected a sign-off, got \(produced)")
            return
        }
        #expect(s.role == "sales")
        #expect(try c.status("demand").missingSignoffs == ["demand"])
        let again = c.refusal(.sign("demand", role: "sales"), as: "kim")
        #expect(again?.rule == .alreadySigned)
        try c.run(.sign("demand"), as: "kim")
        #expect(c.state("demand") == .done)
    }

    @Test func anExplicitRoleTheStageDoesNotTakeIsABadArgument() throws {
        var c = try demandInReview()
        let r = c.refusal(.sign("demand", role: "finance"), as: "kim")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("finance") == true)
        #expect(r?.fix.contains("demand or sales") == true)
        let unknown = c.refusal(.sign("demand", role: "chief"), as: "kim")
        #expect(unknown?.rule == .badArgument)
    }

    @Test func anExplicitRoleNotHeldIsRefused() throws {
        var c = try demandInReview()
        let r = c.refusal(.sign("demand", role: "sales"), as: "dan")
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("sales") == true)
        #expect(r?.fix.contains("demand") == true, "suggests the role dan does hold")
    }

    @Test func signingAnUnknownStage() throws {
        var c = try demandInReview()
        #expect(c.refusal(.sign("demnad"), as: "dan")?.rule == .unknownStage)
    }
}
