import SOPCore
import Testing

/// One helper puts a count and its noun together, so no message says "1 stages" or "1 participants".
@Suite struct CountsAgreeWithTheirNouns {
    @Test func oneIsSingularEverythingElsePlural() {
        #expect(1.counted("workday") == "1 workday")
        #expect(0.counted("participant") == "0 participants")
        #expect(3.counted("stage") == "3 stages")
        #expect(2.counted("entry", "entries") == "2 entries")
    }
}
