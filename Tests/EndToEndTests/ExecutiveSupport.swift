import Foundation
import Testing

/// Helpers for the executive S&OP tests (proposals, decisions, follow-up actions) on top of `Sandbox`.
extension Sandbox {
    /// A fresh November database (created on first use, cycle 2026-11 open) with these lines run as a batch.
    static func executive(_ setup: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> Sandbox {
        let box = try Sandbox()
        try box.ok(["status"], sourceLocation: sourceLocation)
        if !setup.isEmpty { try box.batch(setup, sourceLocation: sourceLocation) }
        return box
    }

    /// `sop --json ARGS` that must succeed and print a JSON array of objects.
    func jsonRows(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try ok(["--json"] + args, sourceLocation: sourceLocation)
        return try #require(try result.json() as? [[String: Any]], "sop --json \(args): \(result)", sourceLocation: sourceLocation)
    }

    /// `sop --json ARGS` that must succeed and print a JSON object.
    func jsonObject(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try ok(["--json"] + args, sourceLocation: sourceLocation)
        return try #require(try result.json() as? [String: Any], "sop --json \(args): \(result)", sourceLocation: sourceLocation)
    }

    /// One row of a JSON list, found by its `id`.
    func jsonRow(_ args: [String], id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let rows = try jsonRows(args, sourceLocation: sourceLocation)
        return try #require(rows.first { $0["id"] as? String == id }, "\(id) in sop --json \(args): \(rows)", sourceLocation: sourceLocation)
    }

    /// A command that must fail with `code`: nothing on stdout, one `error: what (fix)` line naming each
    /// phrase, and the event log and `status` unchanged.
    @discardableResult
    func failsWith(
        _ code: Int32, _ args: [String], mentions: [String] = [], env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        let before = try eventCount()
        let beforeStatus = try ok(["--json", "status"], sourceLocation: sourceLocation).out
        let result = try run(args, env: env)
        let line = "sop \(args.joined(separator: " ")): \(result)"
        #expect(result.code == code, "\(line)", sourceLocation: sourceLocation)
        #expect(result.out.isEmpty, "\(line)", sourceLocation: sourceLocation)
        #expect(result.errLines.count == 1, "one error line: \(line)", sourceLocation: sourceLocation)
        #expect(result.errLines.allSatisfy(isErrorLine), "error: what (fix): \(line)", sourceLocation: sourceLocation)
        for phrase in mentions {
            #expect(result.err.contains(phrase), "mentions \(phrase): \(line)", sourceLocation: sourceLocation)
        }
        #expect(try eventCount() == before, "a refused command changes nothing: \(line)", sourceLocation: sourceLocation)
        #expect(try ok(["--json", "status"], sourceLocation: sourceLocation).out == beforeStatus, "\(line)", sourceLocation: sourceLocation)
        return result
    }
}

/// Lines that set up the executive part of a November cycle.
enum ExecutiveSetup {
    /// Two proposals: P-1 with options (by maria), P-2 without (by omar, a pre-sop sign-off role).
    static let proposals = [
        "as maria",
        "propose \"Close the 700-unit outdoor gap\" --stage supply-review --options \"Saturday overtime|Outsource to Tollpack|Accept backlog\"",
        "as omar",
        "propose \"Raise Q1 list prices by 3%\"",
    ]

    /// P-1 decided as D-1 by the sponsor.
    static let decided = proposals + [
        "as sam",
        "decide P-1 \"Run line 2 on Saturdays\" --option \"Saturday overtime\" --rationale \"Protects the Nordline order\"",
    ]

    /// One action A-1 owned by omar, due 2026-11-20, added by dan.
    static let action = [
        "as dan",
        "action add \"Agree Saturday shifts with the works council\" --owner omar --due 2026-11-20",
    ]

    /// The stage ids of the bundled workflow, in order.
    static func stages() throws -> [String] { try Package.stageIDs(ofWorkflow: "Workflows/monthly-sop.yaml") }

    /// The leader waives every stage, so only follow-up items can stop the close.
    static func waiveAll() throws -> [String] {
        ["as maria"] + (try stages()).map { "waive \($0) --reason \"Not this month\"" }
    }
}
