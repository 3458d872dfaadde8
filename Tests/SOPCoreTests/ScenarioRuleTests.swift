import Foundation
import Testing
@testable import SOPCore

/// The pure parts of scenarios and exception runs (the commands are tested end to end in
/// `ScenarioCommandTests`).
@Suite struct ScenarioNamesAndPromotion {
    @Test func namesAreLowercaseIdsAndNotBaseline() throws {
        for good in ["overtime", "overtime-line-2", "a1"] { try Scenarios.requireName(good) }
        for bad in ["", "Overtime", "1st", "over time", "-x", "baseline", String(repeating: "a", count: 41), "é"] {
            #expect(throws: Refusal.self, "\(bad)") { try Scenarios.requireName(bad) }
        }
    }

    static func scenario(_ name: String, input: String = "supply-plan") -> Scenario {
        Scenario(name: name, stage: "supply-review", input: input, by: "omar", at: Date(timeIntervalSince1970: 0),
                 content: .file(name: "\(name).csv", sha256: name, size: 1))
    }

    static func decision(_ n: Int, option: String?, cycle: String = "2026-11", supersededBy: Int? = nil) -> Decision {
        Decision(number: n, cycle: cycle, by: "sam", at: Date(timeIntervalSince1970: 0), text: "t", rationale: "r",
                 option: option, proposal: 1, supersedes: nil, supersededBy: supersededBy)
    }

    @Test func theDecisionInForceChoosesAndLaterDecisionsWin() {
        let scenarios = [Self.scenario("overtime"), Self.scenario("outsource")]
        var register = FollowUpRegister()
        register.decisions[1] = Self.decision(1, option: "overtime")
        let key = PlanInputKey(stage: "supply-review", input: "supply-plan")
        #expect(Scenarios.promotions(of: scenarios, cycle: "2026-11", register: register)[key]?.scenario.name == "overtime")
        // Superseded by one choosing another scenario: that one is promoted.
        register.decisions[1] = Self.decision(1, option: "overtime", supersededBy: 2)
        register.decisions[2] = Self.decision(2, option: "outsource")
        #expect(Scenarios.promotions(of: scenarios, cycle: "2026-11", register: register)[key]?.decision == 2)
        // Superseded by one choosing the baseline: nothing is promoted, the submitted plan is back.
        register.decisions[2] = Self.decision(2, option: "baseline")
        #expect(Scenarios.promotions(of: scenarios, cycle: "2026-11", register: register).isEmpty)
        // A decision of another cycle promotes nothing here.
        register.decisions[3] = Self.decision(3, option: "overtime", cycle: "2026-12")
        #expect(Scenarios.promotions(of: scenarios, cycle: "2026-11", register: register).isEmpty)
    }

    @Test func consecutiveMonthsOfOneExceptionAreOneRunWithItsWorstMonth() throws {
        func month(_ s: String) throws -> CycleMonth { try #require(CycleMonth(s)) }
        let list = [
            PlanException(kind: .shortage, family: "Lounge", month: try month("2026-12"), value: .quantity(-151)),
            PlanException(kind: .shortage, family: "Lounge", month: try month("2027-01"), value: .quantity(-300)),
            PlanException(kind: .shortage, family: "Lounge", month: try month("2027-02"), value: .quantity(-20)),
            PlanException(kind: .shortage, family: "Lounge", month: try month("2027-05"), value: .quantity(-5)),
            PlanException(kind: .shortage, family: "Shade", month: try month("2027-06"), value: .quantity(-1)),
        ]
        let runs = ExceptionRun.runs(list)
        #expect(runs.map(\.months.count) == [3, 1, 1])
        #expect(runs[0].worst.value == .quantity(-300))
        #expect(runs[1].months == [try month("2027-05")], "a gap in the months starts a new run")
        #expect(runs[2].family == "Shade")
    }
}
