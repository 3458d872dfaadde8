import Foundation
import Testing

/// `escalate`, `escalations`, `inbox` and `ack` through the real binary: the three ladders of the
/// bundled workflow, the JSON, and every refusal leaving the inbox as it was.
@Suite("Escalation commands end to end")
struct EscalationCommandTests {
    /// The bundled workflow, November opened on the 2nd (data gathering is due on the 3rd).
    static func november() throws -> Sandbox {
        let box = try Sandbox()
        try box.ok(["init"])
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"], env: ["SOP_NOW": "2026-11-02T09:00:00Z"])
        return box
    }

    static func at(_ day: String) -> [String: String] { ["SOP_NOW": day + "T09:00:00Z"] }

    @Test func theThreeLaddersRaiseResolveAndListTheirEscalations() throws {
        let box = try Self.november()
        // The 5th: data gathering 2 workdays late, level 1 tells its owner role (demand: dan, lee).
        let first = try #require(try box.ok(["--json", "escalate"], env: Self.at("2026-11-05")).json() as? [String: Any])
        let raised = try #require(first["raised"] as? [[String: Any]])
        #expect(raised.count == 1)
        #expect(raised.first?["id"] as? String == "E-1")
        #expect(raised.first?["kind"] as? String == "late-stage")
        #expect(raised.first?["subject"] as? String == "data-gathering")
        #expect(raised.first?["level"] as? Int == 1)
        #expect(raised.first?["roles"] as? [String] == ["demand"])
        #expect(raised.first?["told"] as? [String] == ["dan", "lee"])
        #expect(first["live"] as? Int == 1)

        // An action due the 6th, then the 9th: the action is 1 workday overdue (its owner is told) and
        // data gathering 4 workdays late (level 2, the leader).
        try box.ok(["--as", "maria", "action", "add", "Book the December line trial", "--owner", "omar", "--due", "2026-11-06"],
                   env: Self.at("2026-11-05"))
        let second = try box.ok(["escalate"], env: Self.at("2026-11-09"))
        #expect(second.out.contains("Raised E-2 (2026-11): data-gathering is 4 workdays late, level 2; told maria."), "\(second)")
        #expect(second.out.contains("Raised E-3 (2026-11): A-1 is 1 workday overdue, level 1; told omar."), "\(second)")

        // Inputs in, no sign-off: after 2 workdays in review the missing signers are told.
        let lines = ["as dan", "submit data-gathering sales-actuals \(Sample.salesActuals)",
                     "submit data-gathering inventory-snapshot \(Sample.inventory)"]
        let submitted = try box.run([], stdin: lines.joined(separator: "\n") + "\n", env: Self.at("2026-11-09"))
        #expect(submitted.code == 0, "\(submitted)")
        // The 11th: 6 workdays late (level 3, the sponsor), and 2 workdays in review: the missing signers.
        let third = try box.ok(["escalate"], env: Self.at("2026-11-11"))
        #expect(third.out.contains("Raised E-4 (2026-11): data-gathering is 6 workdays late, level 3; told sam."), "\(third)")
        #expect(third.out.contains("Raised E-5 (2026-11): data-gathering has waited 2 workdays for sign-off, level 1; told dan, lee."), "\(third)")

        let listed = try #require(try box.ok(["--json", "escalations"], env: Self.at("2026-11-11")).json() as? [[String: Any]])
        #expect(listed.compactMap { $0["id"] as? String } == ["E-1", "E-2", "E-3", "E-4", "E-5"])
        #expect(listed.first?["ageWorkdays"] as? Int == 4)
        #expect((listed.first?["notifications"] as? [[String: Any]])?.compactMap { $0["recipient"] as? String } == ["dan", "lee"])

        // Dan signs off: the stage and sign-off escalations resolve in the same command; the action's stays.
        let signed = try box.ok(["--as", "dan", "signoff", "data-gathering"], env: Self.at("2026-11-11"))
        for n in [1, 2, 4, 5] { #expect(signed.out.contains("system resolved E-\(n): data-gathering is done."), "\(signed)") }
        try box.ok(["--as", "omar", "action", "done", "A-1"], env: Self.at("2026-11-12"))
        let all = try box.ok(["escalations", "--all"], env: Self.at("2026-11-12"))
        #expect(all.out.contains("5 (0 live)"), "\(all)")
        let resolved = try #require(try box.ok(["--json", "escalations", "--all"], env: Self.at("2026-11-12")).json() as? [[String: Any]])
        #expect(resolved.first { $0["id"] as? String == "E-3" }?["resolvedBecause"] as? String == "A-1 is done")
        let none = try box.ok(["escalations"], env: Self.at("2026-11-12"))
        #expect(none.out == "No live escalations in cycle 2026-11.\n", "\(none)")
    }

    @Test func ackTakesOnlyYourOwnOpenNotificationsAndARefusalChangesNothing() throws {
        let box = try Self.november()
        try box.ok(["escalate"], env: Self.at("2026-11-05"))  // #1 dan, #2 lee
        func inbox(_ who: String) throws -> String {
            try box.ok(["--as", who, "--json", "inbox", "--all"], env: Self.at("2026-11-05")).out
        }
        let before = (try inbox("dan"), try inbox("lee"))
        let refusals: [(Int32, [String], String)] = [
            (2, ["--as", "dan", "ack", "x"], "'x' is not a notification number"),
            (2, ["--as", "dan", "ack", "1", "--all"], "not both"),
            (2, ["--as", "dan", "ack"], "ack needs N"),
            (1, ["--as", "dan", "ack", "99"], "there is no notification 99"),
            (1, ["--as", "lee", "ack", "1"], "notification 1 is dan's, not yours"),
            (1, ["--as", "dan", "ack", "1", "2"], "notification 2 is lee's, not yours"),
            (1, ["inbox"], "nobody is acting"),
        ]
        for (code, args, phrase) in refusals {
            let result = try box.run(args, env: Self.at("2026-11-05").merging(["USER": "nobody", "LOGNAME": "nobody"]) { $1 })
            #expect(result.code == code, "\(args): \(result)")
            #expect(result.out.isEmpty && result.errLines.count == 1 && result.errLines.allSatisfy(isErrorLine), "\(args): \(result)")
            #expect(result.err.contains(phrase), "\(args): \(result)")
        }
        #expect((try inbox("dan"), try inbox("lee")) == before, "refused acks changed nothing")

        try box.ok(["--as", "dan", "ack", "1"], env: Self.at("2026-11-05"))
        let again = try box.run(["--as", "dan", "ack", "1"], env: Self.at("2026-11-05"))
        #expect(again.code == 1 && again.err.contains("notification 1 was already acknowledged"), "\(again)")
        let lee = try box.ok(["--as", "lee", "--json", "ack", "--all"], env: Self.at("2026-11-05"))
        #expect((try lee.json() as? [String: Any])?["acknowledged"] as? [Int] == [2])
        let empty = try box.ok(["--as", "lee", "inbox"], env: Self.at("2026-11-05"))
        #expect(empty.out == "lee's inbox is empty: nothing to acknowledge.\n")
        // Acknowledged is not resolved.
        #expect(try box.ok(["escalations"], env: Self.at("2026-11-05")).out.contains("E-1"))
    }

    @Test func escalateRefusesAClockBeforeTheLastEvent() throws {
        let box = try Self.november()
        try box.ok(["escalate"], env: Self.at("2026-11-05"))
        let result = try box.run(["escalate"], env: Self.at("2026-11-04"))
        #expect(result.code == 1 && result.err.contains("before the last recorded event"), "\(result)")
        #expect(try box.ok(["--json", "escalations"], env: Self.at("2026-11-05")).json() as? [[String: Any]] != nil)
    }
}
