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

/// The workflow's `limits:` through the binary: a note over the limit is refused, exit 1, nothing stored.
@Suite struct ANoteOverTheLimitIsRefusedAtSubmit {
    @Test func theHundredKilobyteNote() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        let events = try box.eventCount()
        let result = try box.run(["--as", "priya", "submit", "product-review", "portfolio-changes", "--note", String(repeating: "x", count: 100_000)])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.hasPrefix("error: the note for product-review portfolio-changes is 100000 characters; the workflow allows 4000 ("), "\(result)")
        #expect(try box.eventCount() == events)
    }
}
