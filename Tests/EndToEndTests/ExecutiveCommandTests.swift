import Foundation
import Testing

/// `propose`, `proposals`, `decide`, `defer`, `decisions` through the real binary: what each prints,
/// and their `--json` forms built from the records.
@Suite struct ExecutiveCommandTests {
    @Test func proposeAcknowledgesAndProposalsListsThem() throws {
        let box = try Sandbox.executive()
        let first = try box.ok([
            "--as", "maria", "propose", "Close the 700-unit outdoor gap", "--stage", "supply-review",
            "--options", "Saturday overtime|Outsource to Tollpack|Accept backlog",
        ])
        #expect(first.out.contains("P-1"), "\(first)")
        #expect(first.out.contains("Close the 700-unit outdoor gap"), "\(first)")
        #expect(first.out.contains("maria"), "\(first)")

        // The acknowledgement's JSON names the event it recorded.
        let second = try box.jsonObject(["--as", "omar", "propose", "Raise Q1 list prices by 3%"])
        #expect(second["cycle"] as? String == "2026-11")
        let events = try #require(second["events"] as? [[String: Any]])
        #expect(events.count == 1, "\(events)")
        #expect(events.first?["type"] as? String == "proposal-raised")
        #expect(events.first?["actor"] as? String == "omar")
        #expect((events.first?["summary"] as? String)?.contains("P-2") == true, "\(events)")
        #expect(try box.eventCount() == 3)

        let text = try box.ok(["proposals"])
        #expect(text.out.contains("2 open"), "\(text)")
        for phrase in ["P-1", "P-2", "supply-review", "Saturday overtime", "Outsource to Tollpack", "Raise Q1 list prices by 3%", "omar"] {
            #expect(text.out.contains(phrase), "proposals shows \(phrase): \(text)")
        }

        let rows = try box.jsonRows(["proposals"])
        #expect(rows.compactMap { $0["id"] as? String } == ["P-1", "P-2"])
        let p1 = rows[0]
        #expect(p1["state"] as? String == "open")
        #expect(p1["cycle"] as? String == "2026-11")
        #expect(p1["raisedBy"] as? String == "maria")
        #expect(p1["raisedAt"] as? String == "2026-11-05 09:00Z")
        #expect(p1["text"] as? String == "Close the 700-unit outdoor gap")
        #expect(p1["stage"] as? String == "supply-review")
        #expect(p1["options"] as? [String] == ["Saturday overtime", "Outsource to Tollpack", "Accept backlog"])
        #expect(p1["decision"] == nil && p1["deferredTo"] == nil, "\(p1)")
        #expect((p1["deferrals"] as? [Any])?.isEmpty == true, "\(p1)")
        let p2 = rows[1]
        #expect(p2["raisedBy"] as? String == "omar")
        #expect(p2["stage"] == nil, "\(p2)")
        #expect(p2["options"] as? [String] == [])
    }

    @Test func emptyListsSayHowToStartAndAreEmptyJSON() throws {
        let box = try Sandbox.executive()
        let proposals = try box.ok(["proposals"])
        #expect(proposals.out.contains("No proposals") && proposals.out.contains("propose"), "\(proposals)")
        let decisions = try box.ok(["decisions"])
        #expect(decisions.out.contains("No decisions") && decisions.out.contains("decide"), "\(decisions)")
        let actions = try box.ok(["actions"])
        #expect(actions.out.contains("No actions") && actions.out.contains("action add"), "\(actions)")
        for command in [["proposals"], ["decisions"], ["decisions", "--all-cycles"], ["actions"], ["actions", "--all-cycles"]] {
            #expect(try box.jsonRows(command).isEmpty, "\(command)")
        }
        #expect(try box.eventCount() == 1, "listing records nothing")
    }

    @Test func theSponsorDecidesAProposalChoosingOneOfItsOptions() throws {
        let box = try Sandbox.executive(ExecutiveSetup.proposals)
        // The option is matched without regard to case and recorded as the proposal spells it.
        let decided = try box.ok([
            "--as", "sam", "decide", "P-1", "Run line 2 on Saturdays", "--option", "saturday OVERTIME",
            "--rationale", "Protects the Nordline order",
        ])
        #expect(decided.out.contains("D-1") && decided.out.contains("P-1"), "\(decided)")
        #expect(decided.out.contains("Saturday overtime"), "\(decided)")

        let d1 = try box.jsonRow(["decisions"], id: "D-1")
        #expect(d1["cycle"] as? String == "2026-11")
        #expect(d1["by"] as? String == "sam")
        #expect(d1["at"] as? String == "2026-11-05 09:00Z")
        #expect(d1["text"] as? String == "Run line 2 on Saturdays")
        #expect(d1["rationale"] as? String == "Protects the Nordline order")
        #expect(d1["option"] as? String == "Saturday overtime")
        #expect(d1["proposal"] as? String == "P-1")
        #expect(d1["inForce"] as? Bool == true)
        #expect(d1["supersedes"] == nil && d1["supersededBy"] == nil, "\(d1)")

        let p1 = try box.jsonRow(["proposals"], id: "P-1")
        #expect(p1["state"] as? String == "decided")
        #expect(p1["decision"] as? String == "D-1")
        let text = try box.ok(["proposals"])
        #expect(text.out.contains("decided D-1"), "\(text)")
        #expect(text.out.contains("1 open"), "P-2 is still open: \(text)")
    }

    @Test func aDecisionOfItsOwnAnswersNoProposal() throws {
        let box = try Sandbox.executive()
        let result = try box.ok(["--as", "sam", "decide", "Hold six weeks of resin", "--rationale", "Lead time is the binding constraint"])
        #expect(result.out.contains("D-1"), "\(result)")
        let d1 = try box.jsonRow(["decisions"], id: "D-1")
        #expect(d1["proposal"] == nil && d1["option"] == nil, "\(d1)")
        #expect(d1["text"] as? String == "Hold six weeks of resin")
        #expect(d1["inForce"] as? Bool == true)
        let text = try box.ok(["decisions"])
        for phrase in ["D-1", "sam", "Hold six weeks of resin", "rationale: Lead time is the binding constraint"] {
            #expect(text.out.contains(phrase), "decisions shows \(phrase): \(text)")
        }
    }

    @Test func aSupersedingDecisionKeepsBothOnRecord() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided)
        let newer = try box.ok([
            "--as", "sam", "decide", "P-1", "Outsource the 700 units", "--option", "Outsource to Tollpack",
            "--supersedes", "D-1", "--rationale", "Works council declined Saturday shifts",
        ])
        #expect(newer.out.contains("D-2") && newer.out.contains("D-1"), "\(newer)")

        let rows = try box.jsonRows(["decisions"])
        #expect(rows.compactMap { $0["id"] as? String } == ["D-1", "D-2"], "both stay visible")
        let d1 = rows[0], d2 = rows[1]
        #expect(d1["inForce"] as? Bool == false)
        #expect(d1["supersededBy"] as? String == "D-2")
        #expect(d1["text"] as? String == "Run line 2 on Saturdays", "the old decision is never edited")
        #expect(d2["inForce"] as? Bool == true)
        #expect(d2["supersedes"] as? String == "D-1")
        #expect(d2["proposal"] as? String == "P-1")
        #expect(d2["option"] as? String == "Outsource to Tollpack")

        let text = try box.ok(["decisions"])
        #expect(text.out.contains("SUPERSEDED by D-2"), "\(text)")
        #expect(text.out.contains("supersedes D-1"), "\(text)")
        let p1 = try box.jsonRow(["proposals"], id: "P-1")
        #expect(p1["state"] as? String == "decided")
        #expect(p1["decision"] as? String == "D-2", "the proposal points at the decision in force")

        // A superseding decision may leave the proposal out: it answers the one the old decision answered.
        try box.ok(["--as", "sam", "decide", "Accept the backlog after all", "--option", "Accept backlog", "--supersedes", "D-2", "--rationale", "Tollpack is full"])
        let d3 = try box.jsonRow(["decisions"], id: "D-3")
        #expect(d3["proposal"] as? String == "P-1")
        #expect(d3["supersedes"] as? String == "D-2")
        #expect(try box.jsonRow(["decisions"], id: "D-2")["supersededBy"] as? String == "D-3")
    }

    @Test func deferMovesAProposalToALaterCycle() throws {
        let box = try Sandbox.executive(ExecutiveSetup.proposals)
        let result = try box.ok(["--as", "sam", "defer", "P-2", "--to", "2027-01", "--reason", "Wait for the competitor price lists"])
        #expect(result.out.contains("P-2") && result.out.contains("2027-01"), "\(result)")
        let p2 = try box.jsonRow(["proposals"], id: "P-2")
        #expect(p2["state"] as? String == "deferred")
        #expect(p2["deferredTo"] as? String == "2027-01")
        let deferrals = try #require(p2["deferrals"] as? [[String: Any]])
        #expect(deferrals.count == 1)
        #expect(deferrals.first?["from"] as? String == "2026-11")
        #expect(deferrals.first?["to"] as? String == "2027-01")
        #expect(deferrals.first?["reason"] as? String == "Wait for the competitor price lists")
        #expect(deferrals.first?["by"] as? String == "sam")
        let text = try box.ok(["proposals"])
        #expect(text.out.contains("deferred to 2027-01"), "\(text)")
        // The leader may defer too.
        try box.ok(["--as", "maria", "defer", "P-1", "--to", "2026-12", "--reason", "Supply plan is being redone"])
        #expect(try box.jsonRow(["proposals"], id: "P-1")["deferredTo"] as? String == "2026-12")
    }

    @Test func aDeferredProposalIsOpenInTheCycleItWasDeferredTo() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided + [
            "defer P-2 --to 2026-12 --reason \"Wait for December\"",
        ])
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])
        let p2 = try box.jsonRow(["--cycle", "2026-12", "proposals"], id: "P-2")
        #expect(p2["state"] as? String == "open")
        #expect(p2["cycle"] as? String == "2026-11", "raised in November")
        let text = try box.ok(["--cycle", "2026-12", "proposals"])
        #expect(text.out.contains("from 2026-11"), "\(text)")
        let status = try box.jsonObject(["--cycle", "2026-12", "status"])
        #expect(status["openProposals"] as? Int == 1, "P-2 only; P-1 was decided in November")
        // November still shows it deferred.
        #expect(try box.jsonRow(["--cycle", "2026-11", "proposals"], id: "P-2")["state"] as? String == "deferred")
        // December's sponsor decides it.
        try box.ok(["--as", "sam", "--cycle", "2026-12", "decide", "P-2", "Raise prices by 2%", "--rationale", "Competitors moved"])
        #expect(try box.jsonRow(["--cycle", "2026-12", "proposals"], id: "P-2")["state"] as? String == "decided")
        let d2 = try box.jsonRow(["--cycle", "2026-12", "decisions"], id: "D-2")
        #expect(d2["cycle"] as? String == "2026-12")
        #expect(d2["proposal"] as? String == "P-2")
    }

    @Test func anUndecidedProposalStaysOpenInLaterCycles() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided)
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])
        let december = try box.jsonRows(["--cycle", "2026-12", "proposals"])
        #expect(december.compactMap { $0["id"] as? String } == ["P-2"], "P-1 was decided in November: \(december)")
        #expect(december.first?["state"] as? String == "open")
        #expect(december.first?["cycle"] as? String == "2026-11")
        #expect(try box.jsonObject(["--cycle", "2026-12", "status"])["openProposals"] as? Int == 1)
    }

    @Test func decisionsAllCyclesShowsEarlierMonths() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided)
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])
        #expect(try box.jsonRows(["--cycle", "2026-12", "decisions"]).isEmpty)
        let december = try box.ok(["--cycle", "2026-12", "decisions"])
        #expect(december.out.contains("No decisions") && december.out.contains("2026-12"), "\(december)")
        let all = try box.jsonRows(["--cycle", "2026-12", "decisions", "--all-cycles"])
        #expect(all.compactMap { $0["id"] as? String } == ["D-1"])
        #expect(all.first?["cycle"] as? String == "2026-11")
        let text = try box.ok(["--cycle", "2026-12", "decisions", "--all-cycles"])
        #expect(text.out.contains("any cycle") && text.out.contains("D-1"), "\(text)")
    }

    @Test func aRoleListedUnderDecidersMayDecide() throws {
        let box = try Sandbox()
        var workflow = try String(contentsOfFile: Package.path("Workflows/monthly-sop.yaml"), encoding: .utf8)
        let commented = "# deciders: [finance]"
        #expect(workflow.contains(commented), "the bundled workflow documents the key")
        workflow = workflow.replacingOccurrences(of: commented, with: "deciders: [finance]")
        let file = try box.write("deciders.yaml", workflow)
        try box.ok(["init", "--workflow", file])
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"])
        try box.ok(["--as", "fiona", "decide", "Cap overtime at 40k", "--rationale", "Margin target"])
        #expect(try box.jsonRow(["decisions"], id: "D-1")["by"] as? String == "fiona")
        try box.ok(["--as", "maria", "propose", "Raise prices?"])
        try box.ok(["--as", "fiona", "defer", "P-1", "--to", "2027-01", "--reason", "January list"])
        // Someone holding neither sponsor nor a decider role is still refused, and told about finance.
        try box.failsWith(1, ["--as", "omar", "decide", "Something", "--rationale", "r"], mentions: ["omar", "sponsor", "finance", "fiona"])
        let permissions = try box.ok(["help", "permissions"])
        #expect(permissions.out.contains("decide"), "\(permissions)")
    }
}
