import Foundation
import SOPCore
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText

/// `@Nullable` writes the JSON keys scripts rely on as `null` instead of leaving them out, with no
/// hand-written `encode(to:)`: the calendar's stages and the metrics' figures keep every key.
@Suite struct JSONKeysWithNothingToSayAreWrittenAsNull {
    @Test func aStageNotYetDoneHasEveryCalendarKey() throws {
        let session = try CalendarTextTests.session(opening: "2026-11-02T09:00:00Z")
        let json = JSONOutput.string(CalendarText.model(try CalendarTextTests.state(session), today: session.today))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(!stages.isEmpty)
        for stage in stages {
            #expect(Set(stage.keys) == ["id", "state", "due", "dueRule", "completedOn", "deliveredOn", "reopenedOn", "workdaysLate", "workdaysLeft"])
            #expect(stage["completedOn"] is NSNull && stage["deliveredOn"] is NSNull && stage["reopenedOn"] is NSNull)
        }
        #expect(json.contains("\"reopenedOn\" : null"))
    }

    @Test func metricsWithNothingMeasuredKeepEveryKey() throws {
        let session = try CalendarTextTests.session(opening: "2026-11-02T09:00:00Z")
        let json = try session.run(line: "metrics").json.map(JSONOutput.string) ?? ""
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let decisions = try #require(object["decisions"] as? [String: Any])
        #expect(decisions["medianLatencyDays"] is NSNull && decisions["maxLatencyDays"] is NSNull)
        let actions = try #require(object["actions"] as? [String: Any])
        #expect(actions["onTimeRate"] is NSNull && actions["medianWorkdaysLate"] is NSNull)
        let stage = try #require((object["stages"] as? [[String: Any]])?.first)
        #expect(stage["onTimeRate"] is NSNull && stage["medianSignoffWaitHours"] is NSNull)
    }
}
