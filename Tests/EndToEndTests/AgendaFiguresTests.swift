import Foundation
import Testing

/// The agenda through the binary on `Playbooks/executive-meeting.sop`: its figures are the ones
/// `balance` shows, and a decision superseded after November's meeting is a change in December's.
@Suite struct AgendaFiguresEndToEndTests {
    static let env = ["SOP_NOW": "2026-12-03T10:00:00Z"]

    static func played() throws -> Sandbox {
        let box = try Sandbox()
        let result = try box.run(["--now", "2026-11-02T09:00:00Z", "play", Package.path("Playbooks/executive-meeting.sop")])
        #expect(result.code == 0, "\(result)")
        return box
    }

    @Test func aDecisionSupersededAfterTheMeetingIsWhatChanged() throws {
        let box = try Self.played()
        let text = try box.ok(["agenda"], env: Self.env).out
        #expect(!text.contains("No resubmissions, reopened stages"), "it once said nothing changed: \(text)")
        #expect(text.contains("Decisions since the 2026-11 executive meeting:\n  - D-3 Outsource the 700 units to Tollpack [supersedes D-1]"), "\(text)")
        let agenda = try #require(try box.ok(["agenda", "--format", "json"], env: Self.env).json() as? [String: Any])
        let changes = try #require(agenda["changes"] as? [String: Any])
        let decisions = try #require(changes["decisions"] as? [[String: Any]])
        #expect(decisions.map { $0["id"] as? String } == ["D-3"])
        #expect(decisions.first?["supersedes"] as? String == "D-1" && decisions.first?["cycle"] as? String == "2026-11")
        // December has no demand plan yet: its figure sections say so, and the JSON says why.
        #expect(agenda["planFigures"] as? String == "no-demand-plan")
        #expect(agenda["plan"] is NSNull && agenda["planChanges"] is NSNull && agenda["finance"] is NSNull)
        #expect(text.contains("3. PRODUCT FAMILIES: ACTUAL AGAINST FORECAST\n--------------------------------------------\nNo plan figures yet: cycle 2026-12 has no demand plan of record"), "\(text)")
    }

    @Test func theAgendasFiguresAreTheBalances() throws {
        let box = try Self.played()
        let args = ["--cycle", "2026-11"]
        let agenda = try #require(try box.ok(args + ["agenda", "--format", "json"], env: Self.env).json() as? [String: Any])
        let balance = try #require(try box.ok(args + ["--json", "balance"], env: Self.env).json() as? [String: Any])
        #expect(agenda["planFigures"] as? String == "figures")
        #expect(NSDictionary(dictionary: try #require(agenda["plan"] as? [String: Any])).isEqual(to: balance), "the agenda's plan is `balance --json`")
        // Every exception of the balance is in one group of the agenda, and there are fewer lines.
        let exceptions = try #require(balance["exceptions"] as? [[String: Any]])
        let groups = try #require(agenda["exceptionGroups"] as? [[String: Any]])
        let grouped = groups.reduce(0) { $0 + max(($1["months"] as? [Any])?.count ?? 0, 1) }
        #expect(grouped == exceptions.count && groups.count < exceptions.count, "\(groups.count) groups of \(exceptions.count)")
        let overLine2 = try #require(groups.first { $0["kind"] as? String == "over-capacity" && $0["resource"] as? String == "Line 2 assembly" })
        let line2Months = exceptions.filter { $0["kind"] as? String == "over-capacity" && $0["resource"] as? String == "Line 2 assembly" }.compactMap { $0["month"] as? String }
        #expect(overLine2["months"] as? [String] == line2Months)
        // Revenue against budget: the balance's months summed per family.
        let finance = try #require(agenda["finance"] as? [String: Any])
        let families = try #require(finance["families"] as? [[String: Any]])
        let rows = try #require(balance["families"] as? [[String: Any]])
        for row in rows {
            let name = try #require(row["family"] as? String)
            let months = try #require(row["months"] as? [[String: Any]])
            let revenue = months.compactMap { $0["revenue"] as? NSNumber }.reduce(Decimal(0)) { $0 + $1.decimalValue }
            let figures = try #require(families.first { $0["family"] as? String == name }?["figures"] as? [String: Any])
            #expect((figures["revenue"] as? NSNumber)?.decimalValue == revenue, "\(name)")
        }
        let text = try box.ok(args + ["agenda"], env: Self.env).out
        #expect(text.contains("4. ON PLAN FINANCIALLY\n----------------------\nRevenue against budget over the horizon (2026-11 to 2028-04), months with both:"), "\(text)")
        #expect(text.contains("  - Line 2 assembly is over capacity in 2027-06: 107.0% of what is available is\n    required (limit 100.0%)."), "\(text)")
        #expect(text.contains("  - Lounge: supply falls short of demand in 2026-12 to 2027-01, by up to 700 in\n    2026-12."), "\(text)")
        #expect(text.contains("The horizon's last 3 months (2028-02 to 2028-04) against the budget:"), "\(text)")
        #expect(text.components(separatedBy: "\n").allSatisfy { $0.count <= 80 }, "\(text)")
    }
}
