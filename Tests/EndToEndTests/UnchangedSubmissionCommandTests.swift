import Foundation
import Testing

/// `submit` of the bytes an input already holds: `unchanged: ...`, exit 0, no event.
@Suite struct SubmittingTheSameFileTwiceSaysUnchanged {
    @Test func theSecondUploadRecordsNothing() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        try box.batch(["as dan", "submit demand-review unconstrained-forecast \(Sample.forecast)"])
        let events = try box.eventCount()
        let again = try box.ok(["--as", "dan", "submit", "demand-review", "unconstrained-forecast", Sample.forecast])
        #expect(again.out == "unchanged: demand-review unconstrained-forecast is already version 1\n")
        #expect(try box.eventCount() == events)
        let json = try box.ok(["--as", "dan", "--json", "submit", "demand-review", "unconstrained-forecast", Sample.forecast])
        let object = try #require(try json.json() as? [String: Any])
        #expect(object["unchanged"] as? Bool == true)
        #expect(object["version"] as? Int == 1)
    }
}
