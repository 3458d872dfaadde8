import Foundation
import SOPCore
import SOPText
import Testing

/// Escalation events store data; events written when they stored sentences still decode and read as written.
@Suite struct EscalationEventsStoreDataAndOldOnesStillRead {
    static func keys(_ payload: EventPayload) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try payload.encoded()) as? [String: Any]
        return Set(try #require(object).keys)
    }

    @Test func aLadderRaiseStoresTheLatenessNotASentence() throws {
        let c = try Ladders.supplyOpen()
        let raised = try #require(c.check(try d("2026-11-16")).raises(numberingFrom: 1).first)
        let keys = try Self.keys(raised)
        #expect(!keys.contains("message"), "\(keys)")
        #expect(keys == ["number", "subject", "level", "workdays", "lateness", "roles", "told", "unheld"])
        #expect(raised.raised?.lateness == 1)
        #expect(raised.raised.map(EscalationWords.message) == "supply is 1 workday late, level 1")
    }

    @Test func aResolutionStoresItsReasonNotASentence() throws {
        var c = try Ladders.supplyOpen()
        try c.escalate(on: try d("2026-11-16"))
        try c.completeSupply(on: try d("2026-11-17"))
        let resolved = try #require(c.check(try d("2026-11-17")).resolutions().first)
        #expect(try Self.keys(resolved) == ["number", "reason"])
        #expect(resolved.resolved?.reason == .stageDone(stage: "supply"))
        #expect(resolved.resolved.map(EscalationWords.because) == "supply is done")
    }

    @Test func oldPayloadsWithSentencesDecodeAndReadAsStored() throws {
        let raisedJSON = #"{"level":2,"message":"supply is 3 workdays late, level 2","number":4,"roles":["leader","cfo"],"#
            + #""subject":{"kind":"late-stage","stage":"supply"},"told":["maria"],"unheld":["cfo"],"workdays":3}"#
        let raised = try EventPayload.decode(type: .escalationRaised, json: Data(raisedJSON.utf8))
        #expect(raised.raised?.message == "supply is 3 workdays late, level 2")
        #expect(raised.raised?.lateness == nil)
        // Re-encoding an old event gives back its bytes: the hash chain over stored payloads holds.
        #expect(String(decoding: try raised.encoded(), as: UTF8.self) == raisedJSON)

        let resolvedJSON = #"{"because":"the stage was done by hand","number":4}"#
        let resolved = try EventPayload.decode(type: .escalationResolved, json: Data(resolvedJSON.utf8))
        #expect(String(decoding: try resolved.encoded(), as: UTF8.self) == resolvedJSON)

        var register = EscalationRegister()
        register.apply(Ladders.event(raised, cycle: "2026-11", on: try d("2026-11-18")))
        register.apply(Ladders.event(resolved, cycle: "2026-11", on: try d("2026-11-19")))
        let e = try #require(register.all.first)
        #expect(EscalationWords.message(e) == "supply is 3 workdays late, level 2", "as stored, not re-worded")
        #expect(EscalationWords.resolution(e) == "the stage was done by hand")
    }
}
