import Foundation
import Testing

/// `action add|done|cancel|reassign` and `actions` through the real binary, and the carry-over of open
/// actions into later cycles.
@Suite struct FollowUpActionTests {
    @Test func anyoneAddsAnActionAndActionsListsIt() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided)
        let added = try box.ok([
            "--as", "sofia", "action", "add", "Agree Saturday shifts with the works council", "--owner", "omar",
            "--due", "2026-11-20", "--decision", "D-1", "--stage", "supply-review",
        ])
        #expect(added.out.contains("A-1") && added.out.contains("omar") && added.out.contains("2026-11-20"), "\(added)")
        let ack = try box.jsonObject(["--as", "priya", "action", "add", "Collect competitor price lists", "--owner", "sofia", "--due", "2026-12-11"])
        let events = try #require(ack["events"] as? [[String: Any]])
        #expect(events.first?["type"] as? String == "action-added", "\(ack)")
        #expect((events.first?["summary"] as? String)?.contains("A-2") == true, "\(ack)")

        let a1 = try box.jsonRow(["actions"], id: "A-1")
        #expect(a1["state"] as? String == "open")
        #expect(a1["title"] as? String == "Agree Saturday shifts with the works council")
        #expect(a1["owner"] as? String == "omar")
        #expect(a1["due"] as? String == "2026-11-20")
        #expect(a1["addedBy"] as? String == "sofia")
        #expect(a1["decision"] as? String == "D-1")
        #expect(a1["stage"] as? String == "supply-review")
        #expect(a1["cycle"] as? String == "2026-11")
        #expect(a1["carriedOver"] as? Bool == false)
        #expect(a1["overdue"] as? Bool == false)
        #expect(a1["overdueDays"] as? Int == 0)
        #expect(a1["closedBy"] == nil && a1["note"] == nil, "\(a1)")
        let a2 = try box.jsonRow(["actions"], id: "A-2")
        #expect(a2["decision"] == nil && a2["stage"] == nil, "\(a2)")

        let text = try box.ok(["actions"])
        #expect(text.out.contains("2 open, 0 overdue"), "\(text)")
        for phrase in ["A-1", "A-2", "omar", "sofia", "2026-11-20", "(D-1)", "Collect competitor price lists"] {
            #expect(text.out.contains(phrase), "actions shows \(phrase): \(text)")
        }
    }

    @Test func theOwnerCompletesAndCancelsTheLeaderReassigns() throws {
        let box = try Sandbox.executive(ExecutiveSetup.action + [
            "action add \"Raise the resin purchase order\" --owner omar --due 2026-11-20",
            "action add \"Sign the Tollpack contract\" --owner fiona --due 2026-11-30",
        ])
        let done = try box.ok(["--as", "omar", "action", "done", "A-2", "--note", "PO 4471 placed"])
        #expect(done.out.contains("A-2"), "\(done)")
        let cancelled = try box.ok(["--as", "omar", "action", "cancel", "A-1", "--reason", "No Saturday shifts after all"])
        #expect(cancelled.out.contains("A-1"), "\(cancelled)")
        let reassigned = try box.ok(["--as", "maria", "action", "reassign", "A-3", "--owner", "maria"])
        #expect(reassigned.out.contains("A-3") && reassigned.out.contains("fiona") && reassigned.out.contains("maria"), "\(reassigned)")

        let rows = try box.jsonRows(["actions"])
        #expect(rows.compactMap { $0["id"] as? String } == ["A-1", "A-2", "A-3"])
        #expect(rows.compactMap { $0["state"] as? String } == ["cancelled", "done", "open"])
        #expect(rows[0]["note"] as? String == "No Saturday shifts after all")
        #expect(rows[0]["closedBy"] as? String == "omar")
        #expect(rows[0]["closedIn"] as? String == "2026-11")
        #expect(rows[1]["note"] as? String == "PO 4471 placed")
        #expect(rows[1]["closedBy"] as? String == "omar")
        #expect(rows[2]["owner"] as? String == "maria")
        #expect(rows[2]["closedBy"] == nil)

        let text = try box.ok(["actions"])
        #expect(text.out.contains("1 open"), "\(text)")
        #expect(text.out.contains("cancelled: No Saturday shifts after all"), "\(text)")
        #expect(text.out.contains("done: PO 4471 placed"), "\(text)")

        // The new owner may act on it; the old one may not.
        try box.failsWith(1, ["--as", "fiona", "action", "done", "A-3"], mentions: ["fiona", "A-3", "maria"])
        try box.ok(["--as", "maria", "action", "done", "A-3"])
        #expect(try box.jsonRow(["actions"], id: "A-3")["state"] as? String == "done")
        #expect(try box.jsonRow(["actions"], id: "A-3")["note"] == nil, "no --note, no note")
    }

    @Test func filtersMineOpenAndOverdue() throws {
        let box = try Sandbox.executive(ExecutiveSetup.action + [
            "action add \"Late one\" --owner dan --due 2026-11-10",
            "action add \"Finished one\" --owner dan --due 2026-11-10",
            "as dan",
            "action done A-3",
        ])
        #expect(try box.jsonRows(["--as", "dan", "actions", "--mine"]).compactMap { $0["id"] as? String } == ["A-2", "A-3"])
        #expect(try box.jsonRows(["--as", "dan", "actions", "--mine", "--open"]).compactMap { $0["id"] as? String } == ["A-2"])
        #expect(try box.jsonRows(["actions", "--open"]).compactMap { $0["id"] as? String } == ["A-1", "A-2"])
        #expect(try box.jsonRows(["--as", "sam", "actions", "--mine"]).isEmpty)
        let mine = try box.ok(["--as", "omar", "actions", "--mine"])
        #expect(mine.out.contains("--mine") && mine.out.contains("A-1") && !mine.out.contains("A-2"), "\(mine)")

        // Nothing is overdue on 2026-11-05.
        #expect(try box.jsonRows(["actions", "--overdue"]).isEmpty)
        // On Monday 2026-11-16, A-2 (due Tuesday 2026-11-10) is 4 workdays late; the done A-3 is not overdue.
        let later = ["--now", "2026-11-16T09:00:00Z"]
        let overdue = try box.jsonRows(later + ["actions", "--overdue"])
        #expect(overdue.compactMap { $0["id"] as? String } == ["A-2"])
        #expect(overdue.first?["overdue"] as? Bool == true)
        #expect(overdue.first?["overdueDays"] as? Int == 4)
        let a3 = try box.jsonRow(later + ["actions"], id: "A-3")
        #expect(a3["overdue"] as? Bool == false && a3["overdueDays"] as? Int == 0, "\(a3)")
        let text = try box.ok(later + ["actions"])
        #expect(text.out.contains("2 open, 1 overdue"), "\(text)")
        #expect(text.out.contains("2026-11-10 (4 late)"), "\(text)")
        let status = try box.jsonObject(later + ["status"])
        #expect(status["openActions"] as? Int == 2)
        #expect(status["overdueActions"] as? Int == 1)
    }

    @Test func actionsMineNeedsSomeoneActing() throws {
        let box = try Sandbox.executive(ExecutiveSetup.action)
        guard !ErrorTests.loginIsOnTeam else { return }
        try box.failsWith(1, ["actions", "--mine"], mentions: ["--as", "SOP_USER"])
    }

    @Test func openActionsCarryOverIntoTheNextCycle() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided + [
            "as sam",
            "defer P-2 --to 2027-01 --reason \"January price lists\"",
            "as maria",
            "action add \"Agree Saturday shifts\" --owner omar --due 2026-11-27 --decision D-1",
            "action add \"Raise the resin order\" --owner omar --due 2026-11-20",
            "action add \"Collect competitor price lists\" --owner sofia --due 2026-12-11",
            "as omar",
            "action done A-2 --note \"PO placed\"",
        ] + (try ExecutiveSetup.waiveAll()))
        try box.ok(["--as", "maria", "cycle", "close"])
        try box.ok(["--as", "maria", "cycle", "open", "2026-12"])

        let december = ["--now", "2026-12-02T09:00:00Z"]
        let rows = try box.jsonRows(december + ["actions"])
        #expect(rows.compactMap { $0["id"] as? String } == ["A-1", "A-3"], "open ones carry over; A-2 was done in November")
        for row in rows {
            #expect(row["carriedOver"] as? Bool == true, "\(row)")
            #expect(row["cycle"] as? String == "2026-11", "\(row)")
            #expect(row["state"] as? String == "open", "\(row)")
        }
        // A-1 was due Friday 2026-11-27: Mon 30, Tue 1, Wed 2 December are 3 workdays late.
        #expect(rows[0]["overdue"] as? Bool == true)
        #expect(rows[0]["overdueDays"] as? Int == 3)
        #expect(rows[1]["overdue"] as? Bool == false)
        let text = try box.ok(december + ["actions"])
        #expect(text.out.contains("Actions of cycle 2026-12: 2 open, 1 overdue."), "\(text)")
        #expect(text.out.contains("2026-11 (carried over)"), "\(text)")

        let status = try box.jsonObject(december + ["status"])
        #expect(status["cycle"] as? String == "2026-12")
        #expect(status["openActions"] as? Int == 2)
        #expect(status["overdueActions"] as? Int == 1)
        #expect(status["openProposals"] as? Int == 0, "P-2 waits for January")
        let statusText = try box.ok(december + ["status"])
        #expect(statusText.out.contains("A-1") && statusText.out.contains("A-3"), "\(statusText)")
        #expect(statusText.out.contains("2026-11"), "marked as carried over from November: \(statusText)")

        // Every cycle's actions, closed ones included.
        let all = try box.jsonRows(december + ["actions", "--all-cycles"])
        #expect(all.compactMap { $0["id"] as? String } == ["A-1", "A-2", "A-3"])

        // Completing it in December closes it there; it stops carrying over.
        try box.ok(["--as", "sofia", "action", "done", "A-3", "--note", "Three lists"])
        let a3 = try box.jsonRow(december + ["actions"], id: "A-3")
        #expect(a3["state"] as? String == "done")
        #expect(a3["closedIn"] as? String == "2026-12")
        try box.ok(["--as", "maria", "cycle", "open", "2027-01"])
        let january = try box.jsonRows(["--cycle", "2027-01", "actions"])
        #expect(january.compactMap { $0["id"] as? String } == ["A-1"], "\(january)")
        #expect(try box.jsonObject(["--cycle", "2027-01", "status"])["openProposals"] as? Int == 1, "P-2 is open in January")
    }

    @Test func statusCountsAndTheExecutiveStagesUnmetRequirements() throws {
        func unmet(_ status: [String: Any]) throws -> [String: [String]] {
            let stages = try #require(status["stages"] as? [[String: Any]])
            var result: [String: [String]] = [:]
            for stage in stages {
                let id = try #require(stage["id"] as? String)
                result[id] = try #require(stage["unmetRequirements"] as? [String], "every stage has unmetRequirements: \(stage)")
            }
            return result
        }
        let box = try Sandbox.executive()
        var status = try box.jsonObject(["status"])
        #expect(status["openProposals"] as? Int == 0)
        #expect(status["openActions"] as? Int == 0)
        #expect(status["overdueActions"] as? Int == 0)
        var requirements = try unmet(status)
        #expect(requirements.count == (try ExecutiveSetup.stages()).count)
        let noDecision = try #require(requirements["executive-sop"])
        #expect(noDecision.count == 1 && noDecision[0].contains("decision"), "no decision yet: \(noDecision)")
        for (stage, list) in requirements where stage != "executive-sop" { #expect(list.isEmpty, "\(stage): \(list)") }

        try box.batch(ExecutiveSetup.proposals + ExecutiveSetup.action)
        status = try box.jsonObject(["status"])
        #expect(status["openProposals"] as? Int == 2)
        #expect(status["openActions"] as? Int == 1)
        requirements = try unmet(status)
        let open = try #require(requirements["executive-sop"]).joined(separator: " ")
        #expect(open.contains("P-1") && open.contains("P-2"), "names the open proposals: \(open)")
        let text = try box.ok(["status"])
        #expect(text.out.contains("P-1") && text.out.contains("A-1"), "\(text)")

        try box.batch(["as sam", "decide P-1 \"Overtime\" --option \"Saturday overtime\" --rationale r", "defer P-2 --to 2026-12 --reason later"])
        status = try box.jsonObject(["status"])
        #expect(status["openProposals"] as? Int == 0)
        requirements = try unmet(status)
        #expect(requirements["executive-sop"] == [], "every proposal decided or deferred, one decision: \(requirements)")
    }

    @Test func cycleCloseWaitsForProposalsNotForActions() throws {
        let box = try Sandbox.executive(ExecutiveSetup.proposals + ExecutiveSetup.action + (try ExecutiveSetup.waiveAll()))
        try box.failsWith(1, ["--as", "maria", "cycle", "close"], mentions: ["P-1", "P-2"])
        try box.batch(["as sam", "decide P-1 \"Overtime\" --option \"Saturday overtime\" --rationale r"])
        let refused = try box.failsWith(1, ["--as", "maria", "cycle", "close"], mentions: ["P-2"])
        #expect(!refused.err.contains("P-1"), "P-1 is decided: \(refused)")
        try box.batch(["as sam", "defer P-2 --to 2026-12 --reason later"])
        // The open action A-1 does not stop the close: it carries over.
        try box.ok(["--as", "maria", "cycle", "close"])
        #expect(try box.jsonRow(["--cycle", "2026-11", "actions"], id: "A-1")["state"] as? String == "open")
    }
}
