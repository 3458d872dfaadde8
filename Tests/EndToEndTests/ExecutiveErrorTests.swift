import Foundation
import Testing

/// Usage errors (exit 2) and refusals (exit 1) of the executive S&OP commands: one
/// `error: what (fix)` line on stderr, nothing on stdout, and nothing changed in the database.
@Suite struct ExecutiveErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        /// Lines piped in first (as a batch) to set the stage.
        var setup: [String] = []
        /// Phrases the error line must contain.
        var mentions: [String] = []
        var testDescription: String { name }
    }

    static let usage: [Case] = [
        Case(name: "decide without --rationale", args: ["--as", "sam", "decide", "P-1", "Run overtime"], mentions: ["--rationale"]),
        Case(name: "decide P-1 without text", args: ["--as", "sam", "decide", "P-1", "--rationale", "Cheapest"], mentions: ["P-1", "TEXT"]),
        Case(name: "decide without anything", args: ["--as", "sam", "decide", "--rationale", "r"], mentions: ["TEXT"]),
        Case(name: "decide --supersedes of a proposal id", args: ["--as", "sam", "decide", "x", "--rationale", "r", "--supersedes", "P-1"], mentions: ["P-1", "D-N"]),
        Case(name: "decide with a bad proposal id", args: ["--as", "sam", "decide", "X-1", "x", "--rationale", "r"], mentions: ["X-1"]),
        Case(name: "decide with an extra argument", args: ["--as", "sam", "decide", "P-1", "x", "y", "--rationale", "r"], mentions: ["y"]),
        Case(name: "propose without text", args: ["--as", "maria", "propose"], mentions: ["TEXT"]),
        Case(name: "propose with an unknown option", args: ["--as", "maria", "propose", "x", "--choices", "a|b"], mentions: ["--choices"]),
        Case(name: "proposals with an argument", args: ["proposals", "P-1"], mentions: ["P-1"]),
        Case(name: "defer without --to", args: ["--as", "sam", "defer", "P-1", "--reason", "later"], mentions: ["--to"]),
        Case(name: "defer without --reason", args: ["--as", "sam", "defer", "P-1", "--to", "2027-01"], mentions: ["--reason"]),
        Case(name: "defer without a proposal", args: ["--as", "sam", "defer", "--to", "2027-01", "--reason", "later"], mentions: ["P-N"]),
        Case(name: "defer of a decision id", args: ["--as", "sam", "defer", "D-1", "--to", "2027-01", "--reason", "later"], mentions: ["D-1", "P-N"]),
        Case(name: "decisions with an unknown option", args: ["decisions", "--all"], mentions: ["--all"]),
        Case(name: "action without a subcommand", args: ["--as", "dan", "action"], mentions: ["action"]),
        Case(name: "unknown action subcommand", args: ["--as", "dan", "action", "finish", "A-1"], mentions: ["finish"]),
        Case(name: "action done X-1", args: ["--as", "omar", "action", "done", "X-1"], mentions: ["X-1", "A-N"]),
        Case(name: "action done of a proposal id", args: ["--as", "omar", "action", "done", "P-1"], mentions: ["P-1"]),
        Case(name: "action done without an id", args: ["--as", "omar", "action", "done"], mentions: ["A-N"]),
        Case(name: "action cancel without --reason", args: ["--as", "omar", "action", "cancel", "A-1"], mentions: ["--reason"]),
        Case(name: "action reassign without --owner", args: ["--as", "omar", "action", "reassign", "A-1"], mentions: ["--owner"]),
        Case(name: "action add without --owner", args: ["--as", "dan", "action", "add", "Call the supplier", "--due", "2026-11-20"], mentions: ["--owner"]),
        Case(name: "action add without --due", args: ["--as", "dan", "action", "add", "Call the supplier", "--owner", "omar"], mentions: ["--due"]),
        Case(name: "action add without a title", args: ["--as", "dan", "action", "add", "--owner", "omar", "--due", "2026-11-20"], mentions: ["TITLE"]),
        Case(name: "action add --due 2026-13-01", args: ["--as", "dan", "action", "add", "Call the supplier", "--owner", "omar", "--due", "2026-13-01"], mentions: ["2026-13-01", "YYYY-MM-DD"]),
        Case(name: "action add --due next-week", args: ["--as", "dan", "action", "add", "Call the supplier", "--owner", "omar", "--due", "next-week"], mentions: ["next-week"]),
        Case(name: "action add --decision of a proposal id", args: ["--as", "dan", "action", "add", "t", "--owner", "omar", "--due", "2026-11-20", "--decision", "P-1"], mentions: ["P-1", "D-N"]),
        Case(name: "defer to a malformed month", args: ["--as", "sam", "defer", "P-2", "--to", "2027-1", "--reason", "later"], mentions: ["2027-1", "YYYY-MM"]),
        Case(name: "actions with an unknown option", args: ["actions", "--late"], mentions: ["--late"]),
        Case(name: "help permissions with an unknown option", args: ["help", "permissions", "--html"], mentions: ["--html"]),
    ]

    @Test(arguments: usage)
    func usageErrorsExit2(_ c: Case) throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided + ExecutiveSetup.action)
        try box.failsWith(2, c.args, mentions: c.mentions)
    }

    /// A usage error never creates a database — also when it is found after parsing (a malformed id or date).
    @Test(arguments: [
        ["--as", "omar", "action", "done", "X-1"],
        ["--as", "dan", "action", "add", "Call the supplier", "--owner", "omar", "--due", "2026-13-01"],
        ["--as", "sam", "decide", "P-1", "--rationale", "Cheapest"],
        ["--as", "sam", "decide", "x", "--rationale", "r", "--supersedes", "P-1"],
        ["--as", "sam", "defer", "P-1", "--to", "2027-1", "--reason", "later"],
        ["--as", "sam", "decide", "--rationale", "r"],
        ["--as", "omar", "action", "done"],
    ])
    func aUsageErrorCreatesNoDatabase(args: [String]) throws {
        let box = try Sandbox()
        let result = try box.run(args)
        #expect(result.code == 2, "\(result)")
        #expect(!box.databaseExists, "a usage error must not create \(box.db): \(result)")
    }

    static let refusals: [Case] = [
        // Who may.
        Case(name: "non-sponsor decides", args: ["--as", "maria", "decide", "P-1", "Outsource it", "--option", "Outsource to Tollpack", "--rationale", "Leader's view"],
             setup: ExecutiveSetup.proposals, mentions: ["maria", "sponsor", "sam"]),
        Case(name: "non-sponsor records a decision of its own", args: ["--as", "dan", "decide", "Freeze prices", "--rationale", "r"],
             mentions: ["dan", "sponsor"]),
        Case(name: "propose by someone without a proposer role", args: ["--as", "sofia", "propose", "Extend the winter promotion"],
             mentions: ["sofia", "proposer role", "maria"]),
        Case(name: "propose by the sponsor", args: ["--as", "sam", "propose", "Something"], mentions: ["sam", "leader"]),
        Case(name: "defer by a stage owner", args: ["--as", "dan", "defer", "P-2", "--to", "2027-01", "--reason", "later"],
             setup: ExecutiveSetup.proposals, mentions: ["dan", "sponsor", "leader"]),
        Case(name: "non-owner completes an action", args: ["--as", "dan", "action", "done", "A-1"],
             setup: ExecutiveSetup.action, mentions: ["dan", "A-1", "omar", "maria"]),
        Case(name: "non-owner cancels an action", args: ["--as", "sofia", "action", "cancel", "A-1", "--reason", "Not needed"],
             setup: ExecutiveSetup.action, mentions: ["sofia", "A-1", "omar"]),
        Case(name: "non-owner reassigns an action", args: ["--as", "sam", "action", "reassign", "A-1", "--owner", "sam"],
             setup: ExecutiveSetup.action, mentions: ["sam", "A-1", "omar"]),
        Case(name: "the one who added it is not its owner", args: ["--as", "dan", "action", "cancel", "A-1", "--reason", "mine"],
             setup: ExecutiveSetup.action, mentions: ["dan", "omar"]),

        // Proposals and decisions.
        Case(name: "defer to the same month", args: ["--as", "sam", "defer", "P-2", "--to", "2026-11", "--reason", "later"],
             setup: ExecutiveSetup.proposals, mentions: ["P-2", "2026-11", "later"]),
        Case(name: "defer to an earlier month", args: ["--as", "sam", "defer", "P-2", "--to", "2026-10", "--reason", "later"],
             setup: ExecutiveSetup.proposals, mentions: ["P-2", "2026-11"]),
        Case(name: "defer a decided proposal", args: ["--as", "sam", "defer", "P-1", "--to", "2027-01", "--reason", "later"],
             setup: ExecutiveSetup.decided, mentions: ["P-1", "D-1"]),
        Case(name: "defer an unknown proposal", args: ["--as", "sam", "defer", "P-9", "--to", "2027-01", "--reason", "later"],
             setup: ExecutiveSetup.proposals, mentions: ["P-9", "P-1"]),
        Case(name: "option not in the list", args: ["--as", "sam", "decide", "P-1", "Close the gap", "--option", "Night shift", "--rationale", "Cheapest"],
             setup: ExecutiveSetup.proposals, mentions: ["Night shift", "P-1", "Saturday overtime", "Accept backlog"]),
        Case(name: "no option chosen where the proposal lists options", args: ["--as", "sam", "decide", "P-1", "Close the gap", "--rationale", "Cheapest"],
             setup: ExecutiveSetup.proposals, mentions: ["P-1", "--option"]),
        Case(name: "an option for a proposal without options", args: ["--as", "sam", "decide", "P-2", "Raise them", "--option", "Yes", "--rationale", "r"],
             setup: ExecutiveSetup.proposals, mentions: ["P-2", "Yes"]),
        Case(name: "an option without a proposal", args: ["--as", "sam", "decide", "Raise them", "--option", "Yes", "--rationale", "r"],
             mentions: ["Yes"]),
        Case(name: "decide an already decided proposal", args: ["--as", "sam", "decide", "P-1", "Outsource", "--option", "Outsource to Tollpack", "--rationale", "r"],
             setup: ExecutiveSetup.decided, mentions: ["P-1", "D-1", "--supersedes"]),
        Case(name: "decide an unknown proposal", args: ["--as", "sam", "decide", "P-9", "x", "--rationale", "r"],
             setup: ExecutiveSetup.proposals, mentions: ["P-9"]),
        Case(name: "supersede an unknown decision", args: ["--as", "sam", "decide", "x", "--rationale", "r", "--supersedes", "D-9"],
             mentions: ["D-9"]),
        Case(name: "supersede a superseded decision", args: ["--as", "sam", "decide", "Back to overtime", "--supersedes", "D-1", "--rationale", "Changed our mind"],
             setup: ExecutiveSetup.decided + ["decide P-1 \"Outsource\" --option \"Outsource to Tollpack\" --supersedes D-1 --rationale \"Works council\""],
             mentions: ["D-1", "D-2"]),
        Case(name: "supersede a decision of another proposal", args: ["--as", "sam", "decide", "P-2", "x", "--rationale", "r", "--supersedes", "D-1"],
             setup: ExecutiveSetup.decided, mentions: ["D-1", "P-1", "P-2"]),
        Case(name: "an empty rationale", args: ["--as", "sam", "decide", "Freeze prices", "--rationale", " "], mentions: ["rationale"]),
        Case(name: "an empty proposal", args: ["--as", "maria", "propose", ""], mentions: ["text"]),
        Case(name: "a single option", args: ["--as", "maria", "propose", "Overtime?", "--options", "Yes"], mentions: ["option"]),
        Case(name: "an empty option", args: ["--as", "maria", "propose", "Overtime?", "--options", "Yes||No"], mentions: ["option"]),
        Case(name: "an option given twice", args: ["--as", "maria", "propose", "Overtime?", "--options", "Yes|No|yes"], mentions: ["twice"]),
        Case(name: "propose for an unknown stage", args: ["--as", "maria", "propose", "x", "--stage", "nosuch"], mentions: ["nosuch"]),

        // Actions.
        Case(name: "action add for someone not on the team", args: ["--as", "dan", "action", "add", "t", "--owner", "zed", "--due", "2026-11-20"],
             mentions: ["zed", "omar"]),
        Case(name: "action add due in the past", args: ["--as", "dan", "action", "add", "t", "--owner", "omar", "--due", "2026-11-01"],
             mentions: ["2026-11-01", "2026-11-05"]),
        Case(name: "action add following an unknown decision", args: ["--as", "dan", "action", "add", "t", "--owner", "omar", "--due", "2026-11-20", "--decision", "D-4"],
             mentions: ["D-4"]),
        Case(name: "action add for an unknown stage", args: ["--as", "dan", "action", "add", "t", "--owner", "omar", "--due", "2026-11-20", "--stage", "nosuch"],
             mentions: ["nosuch"]),
        Case(name: "action add with an empty title", args: ["--as", "dan", "action", "add", "", "--owner", "omar", "--due", "2026-11-20"],
             mentions: ["title"]),
        Case(name: "action done of an unknown action", args: ["--as", "maria", "action", "done", "A-9"],
             setup: ExecutiveSetup.action, mentions: ["A-9", "A-1"]),
        Case(name: "action done twice", args: ["--as", "omar", "action", "done", "A-1"],
             setup: ExecutiveSetup.action + ["as omar", "action done A-1"], mentions: ["A-1", "done"]),
        Case(name: "cancel a done action", args: ["--as", "maria", "action", "cancel", "A-1", "--reason", "r"],
             setup: ExecutiveSetup.action + ["as omar", "action done A-1"], mentions: ["A-1", "done"]),
        Case(name: "reassign to the same owner", args: ["--as", "omar", "action", "reassign", "A-1", "--owner", "omar"],
             setup: ExecutiveSetup.action, mentions: ["A-1", "omar"]),
        Case(name: "reassign to someone not on the team", args: ["--as", "omar", "action", "reassign", "A-1", "--owner", "zed"],
             setup: ExecutiveSetup.action, mentions: ["zed"]),
    ]

    @Test(arguments: refusals)
    func refusalsExit1AndChangeNothing(_ c: Case) throws {
        let box = try Sandbox.executive(c.setup)
        let beforeProposals = try box.ok(["--json", "proposals"]).out
        let beforeActions = try box.ok(["--json", "actions", "--all-cycles"]).out
        let beforeDecisions = try box.ok(["--json", "decisions", "--all-cycles"]).out
        try box.failsWith(1, c.args, mentions: c.mentions)
        #expect(try box.ok(["--json", "proposals"]).out == beforeProposals)
        #expect(try box.ok(["--json", "actions", "--all-cycles"]).out == beforeActions)
        #expect(try box.ok(["--json", "decisions", "--all-cycles"]).out == beforeDecisions)
    }

    @Test func closingWithAnOpenProposalNamesIt() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided + (try ExecutiveSetup.waiveAll()))
        let result = try box.failsWith(1, ["--as", "maria", "cycle", "close"], mentions: ["P-2", "defer"])
        #expect(!result.err.contains("P-1"), "P-1 is decided: \(result)")
        #expect(!result.err.contains("data-gathering"), "every stage is waived: \(result)")
    }

    @Test func aClosedCycleTakesNoFollowUpChanges() throws {
        let box = try Sandbox.executive(ExecutiveSetup.decided + ExecutiveSetup.action + ["as sam", "defer P-2 --to 2026-12 --reason later"] + (try ExecutiveSetup.waiveAll()))
        try box.ok(["--as", "maria", "cycle", "close"])
        let closed = ["--cycle", "2026-11"]
        try box.failsWith(1, closed + ["--as", "maria", "propose", "Late question"], mentions: ["2026-11"])
        try box.failsWith(1, closed + ["--as", "sam", "decide", "Late decision", "--rationale", "r"], mentions: ["2026-11"])
        try box.failsWith(1, closed + ["--as", "dan", "action", "add", "t", "--owner", "omar", "--due", "2026-11-20"], mentions: ["2026-11"])
    }
}
