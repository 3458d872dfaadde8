import Foundation
@testable import SOPShell
import SOPStore
import Testing
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// `metrics` on the bundled workflow: November 2026 run for two weeks, then December opened, measured
/// on Monday 2026-11-16. Stages are done between 08:00 and 14:00 UTC, so the day each was done on
/// is the same in any time zone from UTC-8 to UTC+9.
@Suite struct MetricsTextTests {
    static let data = packageRoot.appendingPathComponent("Playbooks/data").path

    /// Runs `lines` at `time` (`YYYY-MM-DDTHH:MM`, UTC).
    func at(_ session: Session, _ time: String, _ lines: [String]) throws {
        session.setClock(try Date.ISO8601FormatStyle().parse(time + ":00Z"))
        for line in lines { _ = try session.run(line: line) }
    }

    /// Data gathering done 2 workdays late (5 h in review); product review waived; demand review done
    /// on its due day after 3 days in review; supply review 2 workdays overdue on the 16th. P-1 decided
    /// in 2 days; A-1 done 2 workdays late, A-2 not yet due, A-3 cancelled.
    func month() throws -> Session {
        let session = try novemberSession()
        try at(session, "2026-11-05T09:00", [
            "as dan",
            "submit data-gathering sales-actuals \(Self.data)/sales-actuals.csv",
            "submit data-gathering inventory-snapshot \(Self.data)/inventory-snapshot.csv",
        ])
        try at(session, "2026-11-05T14:00", ["signoff data-gathering", "as maria", "waive product-review --reason \"No changes\""])
        try at(session, "2026-11-06T09:00", [
            "as dan",
            "submit demand-review unconstrained-forecast \(Self.data)/forecast-v2.csv",
            "submit demand-review demand-assumptions --note \"Nordline order in December\"",
            "signoff demand-review",
        ])
        try at(session, "2026-11-06T12:00", [
            "as maria",
            "propose \"Add a Saturday shift\"",
            "action add \"Ask the works council\" --owner omar --due 2026-11-10",
            "action add \"Order resin\" --owner omar --due 2026-11-20",
            "action add \"Quote outsourcing\" --owner omar --due 2026-11-20",
        ])
        try at(session, "2026-11-08T12:00", ["as sam", "decide P-1 \"Run Saturdays\" --rationale \"Protects the launch\""])
        try at(session, "2026-11-09T09:00", ["as sofia", "signoff demand-review"])
        try at(session, "2026-11-12T10:00", ["as omar", "action done A-1", "action cancel A-3 --reason \"Not needed\""])
        try at(session, "2026-11-16T10:00", ["as maria"])
        return session
    }

    @Test func textShowsTheMonthsFigures() throws {
        let session = try month()
        let text = try session.run(line: "metrics").text
        #expect(text == """
            Process health · cycle 2026-11 · today 2026-11-16
            STAGE             ON TIME   LATE  OVERDUE  MEDIAN LATE  SIGN-OFF WAIT  WAIVED
            data-gathering    0/1 0%    1     0        2 wd         5 h            0
            product-review    -         0     0        -            -              1
            demand-review     1/1 100%  0     0        -            3 d            0
            supply-review     0/1 0%    0     1        2 wd         -              0
            financial-review  -         0     0        -            -              0
            pre-sop           -         0     0        -            -              0
            executive-sop     -         0     0        -            -              0
            execution         -         0     0        -            -              0
            Decisions: 1 of 1 proposal decided; median 2 days to decide (max 2 days)
            Actions: 0 of 1 on time (0%); 1 done late; median 2 wd late;
              1 open, not yet due; 1 cancelled
            Late counts workdays past due (wd); sign-off wait is calendar time in review.
            """)
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test func theWindowCountsTheNewestCycles() throws {
        let session = try month()
        _ = try session.run(line: "cycle open 2026-12")
        let both = try session.run(line: "metrics").text
        #expect(both.hasPrefix("Process health · cycles 2026-11..2026-12 (2) · today 2026-11-16\n"))
        #expect(both.contains("\ndata-gathering    0/1 0%    1     0        2 wd         5 h            0\n"))
        let newest = try session.run(line: "metrics --cycles 1").text
        #expect(newest.hasPrefix("Process health · cycle 2026-12 · today 2026-11-16\n"))
        // December's stages are not due yet, and November's proposal and actions are out of the window.
        #expect(newest.contains("\ndata-gathering    -        0     0        -            -              0\n"))
        #expect(newest.contains("\nDecisions: no proposals raised in these cycles\nActions: none added in these cycles\n"))
    }

    @Test(arguments: ["metrics --cycles 0", "metrics --cycles x", "metrics --cycles 1.5", "metrics --cycles +2", "metrics --cycles"])
    func aBadWindowIsAUsageError(line: String) throws {
        let session = try novemberSession()
        do {
            _ = try session.run(line: line)
            Issue.record("\(line) was accepted")
        } catch {
            #expect(error.exitCode == 2, "\(error)")
        }
    }

    @Test func jsonHasThePinnedKeys() throws {
        let session = try month()
        session.json = true
        let out = try #require(session.render(try session.run(line: "metrics")))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["cycles"] as? [String] == ["2026-11"])
        let stages = try #require(json["stages"] as? [[String: Any]])
        let gathering = try #require(stages.first)
        for key in ["id", "title", "measured", "onTime", "late", "overdue", "waived", "onTimeRate", "medianWorkdaysLate", "medianSignoffWaitHours"] {
            #expect(gathering[key] != nil, "stages[].\(key)")
        }
        #expect(gathering["id"] as? String == "data-gathering")
        #expect(gathering["onTimeRate"] as? Double == 0)
        #expect(gathering["medianWorkdaysLate"] as? Double == 2)
        #expect(gathering["medianSignoffWaitHours"] as? Double == 5)
        // Nothing measured is an explicit null.
        #expect(stages.first { $0["id"] as? String == "product-review" }?["onTimeRate"] is NSNull)
        let decisions = try #require(json["decisions"] as? [String: Any])
        #expect(decisions["decided"] as? Int == 1 && decisions["undecided"] as? Int == 0)
        #expect(decisions["medianLatencyDays"] as? Double == 2 && decisions["maxLatencyDays"] as? Double == 2)
        let actions = try #require(json["actions"] as? [String: Any])
        for key in ["measured", "onTime", "late", "overdue", "cancelled", "onTimeRate", "medianWorkdaysLate"] {
            #expect(actions[key] != nil, "actions.\(key)")
        }
        #expect(actions["measured"] as? Int == 1 && actions["cancelled"] as? Int == 1)
    }

    @Test func figuresAreShortAndOneDecimal() {
        #expect(MetricsText.wait(40.0 / 60) == "40 min")
        #expect(MetricsText.wait(1.5) == "1.5 h")
        #expect(MetricsText.wait(14) == "14 h")
        #expect(MetricsText.wait(60) == "2.5 d")
        #expect(MetricsText.workdays(3.5) == "3.5 wd")
        #expect(MetricsText.days(1) == "1 day")
        #expect(MetricsText.days(2.25) == "2.3 days")
        #expect(MetricsText.onTime(2, of: 3, rate: 2.0 / 3.0) == "2/3 67%")
        #expect(MetricsText.onTime(0, of: 0, rate: nil) == "-")
    }

    @Test func noCyclesIsAMessageNotAnError() throws {
        let database = try SOPDatabase()
        let starter = try DatabaseSetup.bundledStarter()
        try database.initialize(workflow: starter.workflow, team: starter.team, at: Date(timeIntervalSince1970: 0))
        let session = Session(database: database, mode: .batch, now: try Date.ISO8601FormatStyle().parse("2026-11-05T09:00:00Z"))
        let reply = try session.run(line: "metrics")
        #expect(reply.text == "No cycles yet, so there is no process to measure; the leader opens one with `cycle open`.")
        session.json = true
        #expect(session.render(reply)?.contains("\"cycles\" : [\n\n  ]") == true)
    }
}
