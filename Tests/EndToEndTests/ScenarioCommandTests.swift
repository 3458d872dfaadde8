import Foundation
import Testing

/// Scenarios through the binary, on the record `Playbooks/plan-history.sop` leaves: November's
/// overtime scenario, promoted by D-4. Refusals change nothing; superseding the decision with
/// `baseline` restores the submitted supply plan, and every figure follows.
@Suite struct ScenarioCommandTests {
    static func played() throws -> Sandbox {
        let box = try Sandbox()
        _ = try box.ok(["play", Package.path("Playbooks/plan-history.sop")])
        return box
    }

    /// After the playbook's last event (2026-11-20 14:00Z): the record's clock never runs backwards.
    static let after = ["SOP_NOW": "2026-11-23T09:00:00Z"]

    static func json(_ box: Sandbox, _ args: [String]) throws -> [String: Any] {
        let out = try box.ok(["--json"] + args, env: after).out
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    static func loungeDecember(_ box: Sandbox) throws -> (gap: Double?, inventory: Double?) {
        let balance = try json(box, ["balance", "--family", "Lounge"])
        let family = try #require((balance["families"] as? [[String: Any]])?.first)
        let month = try #require((family["months"] as? [[String: Any]])?.first { $0["month"] as? String == "2026-12" })
        return (month["gap"] as? Double, month["inventory"] as? Double)
    }

    @Test func badScenariosAreRefusedAndChangeNothing() throws {
        let box = try Self.played()
        let overtime = Sample.path("history/supply-2026-11-overtime.csv")
        let bad = Sample.path("forecast-bad-month.csv")
        let events = try box.eventCount()
        let cases: [([String], String)] = [
            (["--as", "omar", "scenario", "add", "Overtime", "supply-review", "supply-plan", overtime], "'Overtime' is not a scenario name"),
            (["--as", "omar", "scenario", "add", "baseline", "supply-review", "supply-plan", overtime], "'baseline' names the submitted plan"),
            (["--as", "omar", "scenario", "add", "overtime", "supply-review", "supply-plan", overtime], "already has a scenario 'overtime'"),
            (["--as", "omar", "scenario", "add", "notes", "supply-review", "constraints", overtime], "supply-review constraints is not a plan input"),
            (["--as", "omar", "scenario", "add", "x", "supply-review", "nothing", overtime], "supply-review has no input 'nothing'"),
            (["--as", "sofia", "scenario", "add", "promo", "supply-review", "supply-plan", overtime], "sofia may not submit supply-review inputs"),
            (["--as", "dan", "scenario", "add", "promo", "demand-review", "unconstrained-forecast", bad], "\"13-2026\" is not a month"),
            (["--as", "maria", "propose", "Pick one", "--scenarios", "overtime,outsource"], "has no scenario 'outsource'"),
            (["--as", "maria", "propose", "Pick one", "--scenarios", "overtime,baseline", "--options", "a|b"], "either --options or --scenarios"),
            (["scenario", "compare", "outsource"], "has no scenario 'outsource'"),
        ]
        for (args, message) in cases {
            let result = try box.run(args, env: Self.after)
            #expect(result.code == 1, "\(args): \(result)")
            #expect(result.err.contains(message), "\(args): \(result.err)")
            #expect(try box.eventCount() == events, "\(args) changed the record")
        }
    }

    @Test func supersedingWithBaselineRestoresTheSubmittedPlan() throws {
        let box = try Self.played()
        let promoted = try Self.loungeDecember(box)
        #expect(promoted.gap == 0 && promoted.inventory == 450, "\(promoted)")
        let list = try Self.json(box, ["scenario", "list"])
        #expect(((list["scenarios"] as? [[String: Any]])?.first?["promotedBy"] as? String) == "D-4", "\(list)")

        _ = try box.ok(["--as", "sam", "decide", "P-1", "Accept the December backlog after all", "--option", "baseline",
                        "--supersedes", "D-4", "--rationale", "The union turned the Saturday shifts down"], env: Self.after)
        let restored = try Self.loungeDecember(box)
        #expect(restored.gap == 601 && restored.inventory == -151, "\(restored)")
        let after = try Self.json(box, ["scenario", "list"])
        #expect((after["scenarios"] as? [[String: Any]])?.first?["promotedBy"] is NSNull, "\(after)")
        // The comparison itself does not depend on which plan is of record.
        let compare = try Self.json(box, ["scenario", "compare"])
        let baseline = try #require((compare["baseline"] as? [String: Any])?["total"] as? [String: Any])
        #expect(baseline["shortage"] as? Double == 151, "\(compare)")
        #expect(try box.ok(["scenario", "list"], env: Self.after).out.contains("overtime"))
    }

    @Test func planFiguresNeedADemandPlan() throws {
        let box = try Sandbox()
        _ = try box.ok(["--as", "maria", "status"])
        let result = try box.run(["balance"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("cycle 2026-11 has no demand plan yet") || result.err.contains("has no demand plan yet"), "\(result)")
        #expect(result.err.contains("submit demand-review unconstrained-forecast FILE.csv"), "\(result)")
        let accuracy = try box.ok(["accuracy"])
        #expect(accuracy.out.contains("No lag-1 forecast has an actual yet"), "\(accuracy)")
    }

    @Test func whatABalanceCannotShowIsSaidNotDropped() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        _ = try box.ok(["--as", "dan", "submit", "demand-review", "unconstrained-forecast", Sample.forecast])
        // Read as one line: the notes wrap at 80 columns.
        let text = try box.ok(["balance"]).out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Note: No supply plan submitted yet in 2026-11 (submit supply-review supply-plan FILE)."), "\(text)")
        #expect(text.contains("Note: No budget plan submitted yet in 2026-11 (submit financial-review operating-budget FILE)."), "\(text)")
        let json = try Self.json(box, ["balance"])
        let missing = (json["missing"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(missing == ["supply", "capacity", "finance", "budget"], "\(json)")

        // A family the inventory holds but the demand plan lacks is shown, with demand 0, and named.
        let more = try box.write("inventory.csv", "Family,On Hand,Safety Stock\nLounge,1850,600\nDining,1120,400\nShade,2630,900\nParasol,75,0\n")
        _ = try box.ok(["--as", "dan", "submit", "data-gathering", "inventory-snapshot", more])
        let after = try box.ok(["balance"]).out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(after.contains("Note: Parasol is in other plans but not in the demand plan: shown with demand 0."), "\(after)")
        #expect(after.contains("Parasol  (opening inventory 75"), "\(after)")
    }
}
