import Foundation
import Testing

/// `Playbooks/reopened-stage.sop` through the real binary, then every view of its lateness: demand
/// review done on time on the 9th, reopened on the 19th and done again on the 20th; supply review
/// done on time on the 12th, reopened on the 19th and still in review.
@Suite("A reopened stage reads the same in status, calendar, agenda and metrics end to end")
struct ReopenedStageEndToEndTests {
    static func played() throws -> Sandbox {
        let box = try Sandbox()
        let file = Package.path("Playbooks/reopened-stage.sop")
        let result = try box.run(["--now", "2026-11-02T09:00:00Z", "play", file])
        #expect(result.code == 0, "\(result)")
        return box
    }

    static func stage(_ id: String, in list: Any?, key: String = "id") throws -> [String: Any] {
        let stages = try #require(list as? [[String: Any]])
        return try #require(stages.first { $0[key] as? String == id }, "\(id) in \(stages)")
    }

    @Test func everyViewJudgesTheDeliveryAndCountsTheReworkFromTheDayItReopened() throws {
        let box = try Self.played()
        let env = ["SOP_NOW": "2026-11-23T09:00:00Z"]
        let status = try #require(try box.ok(["--json", "status"], env: env).json() as? [String: Any])
        let calendar = try #require(try box.ok(["--json", "calendar"], env: env).json() as? [String: Any])
        let agenda = try #require(try box.ok(["agenda", "--format", "json"], env: env).json() as? [String: Any])
        let metrics = try #require(try box.ok(["--json", "metrics"], env: env).json() as? [String: Any])

        // Demand review: delivered on time on the 9th; done again on the 20th, still on time.
        let demand = try Self.stage("demand-review", in: status["stages"])
        #expect(demand["completedLate"] as? Int == 0, "\(demand)")
        #expect(demand["completedOn"] as? String == "2026-11-20")
        #expect(demand["deliveredOn"] as? String == "2026-11-09")
        #expect(try Self.stage("demand-review", in: calendar["stages"])["workdaysLate"] as? Int == 0)
        let demandRow = try Self.stage("demand-review", in: agenda["stagePerformance"], key: "stage")
        #expect(demandRow["timeliness"] as? String == "on-time", "\(demandRow)")
        let demandMetrics = try Self.stage("demand-review", in: metrics["stages"])
        #expect(demandMetrics["onTime"] as? Int == 1 && demandMetrics["late"] as? Int == 0, "\(demandMetrics)")

        // Supply review: reopened on the 19th, after its due day: 2 workdays late on the 23rd (20, 23).
        let supply = try Self.stage("supply-review", in: status["stages"])
        #expect(supply["overdueDays"] as? Int == 2, "\(supply)")
        #expect(supply["reopenedOn"] as? String == "2026-11-19")
        let supplyCalendar = try Self.stage("supply-review", in: calendar["stages"])
        #expect(supplyCalendar["workdaysLate"] as? Int == 2)
        #expect(supplyCalendar["reopenedOn"] as? String == "2026-11-19")
        let supplyRow = try Self.stage("supply-review", in: agenda["stagePerformance"], key: "stage")
        #expect(supplyRow["timeliness"] as? String == "overdue" && supplyRow["workdays"] as? Int == 2, "\(supplyRow)")
        let supplyMetrics = try Self.stage("supply-review", in: metrics["stages"])
        #expect(supplyMetrics["onTime"] as? Int == 1 && supplyMetrics["overdue"] as? Int == 0, "\(supplyMetrics)")

        let why = try box.ok(["why", "supply-review"], env: env)
        #expect(why.out.contains("It was due 2026-11-12, was done, and reopened 2026-11-19; it is 2 workdays late, counted from 2026-11-19."), "\(why)")
        let text = try box.ok(["calendar"], env: env)
        #expect(text.out.contains("reopened 2026-11-19, 2 late"), "\(text)")
    }
}
