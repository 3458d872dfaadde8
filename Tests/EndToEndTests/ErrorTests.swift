import Foundation
import Testing

/// A usage mistake or a refusal: the right exit code, one `error: what (fix)` line, nothing changed.
@Suite struct ErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        /// Lines piped in first (as a batch) to set the stage.
        var setup: [String] = []
        /// Phrases the error line must contain.
        var mentions: [String] = []
        var env: [String: String] = [:]
        var testDescription: String { name }
    }

    static let usage: [Case] = [
        Case(name: "unknown command", args: ["frobnicate"], mentions: ["frobnicate"]),
        Case(name: "unknown subcommand", args: ["cycle", "reopen"], mentions: ["reopen"]),
        Case(name: "unknown option of a command", args: ["status", "--verbose"], mentions: ["--verbose"]),
        Case(name: "unknown global option", args: ["--verbose", "status"], mentions: ["--verbose"]),
        Case(name: "missing argument", args: ["why"], mentions: ["STAGE"]),
        Case(name: "missing input", args: ["--as", "dan", "submit", "data-gathering"], mentions: ["INPUT"]),
        Case(name: "missing required option", args: ["--as", "maria", "waive", "data-gathering"], mentions: ["--reason"]),
        Case(name: "option without its value", args: ["log", "--limit"], mentions: ["--limit"]),
        Case(name: "missing value of a global option", args: ["--as"], mentions: ["--as"]),
        Case(name: "extra argument", args: ["whoami", "now"], mentions: ["now"]),
        Case(name: "file and --note together", args: ["--as", "dan", "submit", "data-gathering", "sales-actuals", "x.csv", "--note", "n"]),
        Case(name: "bad --now", args: ["--now", "yesterday", "status"], mentions: ["--now", "yesterday"]),
        Case(name: "bad SOP_NOW", args: ["status"], mentions: ["2026-13-45"], env: ["SOP_NOW": "2026-13-45"]),
        Case(name: "bad --cycle", args: ["--cycle", "2026-13", "status"], mentions: ["--cycle", "2026-13"]),
        Case(name: "bad --cycle word", args: ["--cycle", "november", "status"], mentions: ["november"]),
        Case(name: "bad cycle use argument", args: ["cycle", "use", "2026/11"], mentions: ["2026/11"]),
        Case(name: "bad cycle open argument", args: ["--as", "maria", "cycle", "open", "26-12"], mentions: ["26-12"]),
    ]

    @Test(arguments: usage)
    func usageErrorsExit2(_ c: Case) throws {
        let box = try Sandbox()
        try box.ok(["status"])
        let before = try box.eventCount()
        let result = try box.run(c.args, env: c.env)
        #expect(result.code == 2, "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        #expect(result.errLines.count == 1, "one error line: \(result)")
        #expect(result.errLines.allSatisfy(isErrorLine), "error: what (fix): \(result)")
        for phrase in c.mentions { #expect(result.err.contains(phrase), "mentions \(phrase): \(result)") }
        #expect(try box.eventCount() == before)
    }

    @Test(arguments: [["frobnicate"], ["status", "--verbose"], ["--now", "yesterday", "status"], ["why"]])
    func aUsageErrorCreatesNoDatabase(args: [String]) throws {
        let box = try Sandbox()
        let result = try box.run(args)
        #expect(result.code == 2, "\(result)")
        #expect(!box.databaseExists, "a usage error must not create \(box.db)")
    }

    static let gathered = [
        "as dan",
        "submit data-gathering sales-actuals \(Sample.salesActuals)",
        "submit data-gathering inventory-snapshot \(Sample.inventory)",
    ]

    static let refusals: [Case] = [
        Case(name: "wrong participant signs off", args: ["--as", "sofia", "signoff", "data-gathering"], setup: gathered, mentions: ["sofia", "demand"]),
        Case(name: "sign-off while open", args: ["--as", "dan", "signoff", "data-gathering"], mentions: ["data-gathering"]),
        Case(name: "sign-off twice for a role", args: ["--as", "lee", "signoff", "data-gathering"], setup: gathered + ["signoff data-gathering"], mentions: ["already"]),
        Case(name: "submit while waiting", args: ["--as", "dan", "submit", "demand-review", "demand-assumptions", "--note", "early"], mentions: ["waiting", "data-gathering"]),
        Case(name: "submit by a non-owner", args: ["--as", "fiona", "submit", "data-gathering", "sales-actuals", Sample.salesActuals], mentions: ["fiona"]),
        Case(name: "CSV missing a column", args: ["--as", "dan", "submit", "data-gathering", "sales-actuals", Sample.forecastNoQuantity], mentions: ["quantity"]),
        Case(name: "note for a CSV input", args: ["--as", "dan", "submit", "data-gathering", "sales-actuals", "--note", "n"], mentions: ["CSV"]),
        Case(name: "missing file", args: ["--as", "dan", "submit", "data-gathering", "sales-actuals", "no-such.csv"], mentions: ["no-such.csv"]),
        Case(name: "waive by a non-leader", args: ["--as", "dan", "waive", "data-gathering", "--reason", "busy"], mentions: ["leader"]),
        Case(name: "reject by a non-reviewer", args: ["--as", "sofia", "reject", "data-gathering", "--reason", "no"], setup: gathered, mentions: ["sofia"]),
        Case(name: "close with unfinished stages", args: ["--as", "maria", "cycle", "close"], mentions: ["data-gathering", "execution"]),
        Case(name: "close by a non-leader", args: ["--as", "dan", "cycle", "close"], mentions: ["leader"]),
        Case(name: "open an existing cycle", args: ["--as", "maria", "cycle", "open", "2026-11"], mentions: ["2026-11"]),
        Case(name: "unknown stage", args: ["--as", "dan", "submit", "nosuch", "x", "--note", "y"], mentions: ["nosuch"]),
        Case(name: "unknown stage in why", args: ["why", "nosuch"], mentions: ["nosuch"]),
        Case(name: "unknown input", args: ["--as", "dan", "submit", "data-gathering", "nosuch", "--note", "y"], mentions: ["nosuch"]),
        Case(name: "unknown participant in --as", args: ["--as", "zed", "status"], mentions: ["zed", "maria"]),
        Case(name: "unknown participant in SOP_USER", args: ["status"], mentions: ["zed"], env: ["SOP_USER": "zed"]),
        Case(name: "unknown participant in as", args: ["--as", "dan", "as", "zed"], mentions: ["zed"]),
        Case(name: "no actor at all", args: ["submit", "data-gathering", "sales-actuals", Sample.salesActuals], mentions: ["--as", "SOP_USER"]),
        Case(name: "cycle use of a missing cycle", args: ["cycle", "use", "2026-05"], mentions: ["2026-05"]),
        Case(name: "--cycle of a missing cycle", args: ["--cycle", "2026-05", "status"], mentions: ["2026-05"]),
    ]

    /// The bundled team's logins: when the tests run under one of these accounts, sop knows who acts.
    static let loginIsOnTeam = ["maria", "sam", "priya", "dan", "lee", "sofia", "omar", "fiona"].contains(IdentityTests.account)

    @Test(arguments: refusals.filter { !(loginIsOnTeam && $0.name == "no actor at all") })
    func refusalsExit1AndChangeNothing(_ c: Case) throws {
        let box = try Sandbox()
        try box.ok(["status"])
        if !c.setup.isEmpty { try box.batch(c.setup) }
        let before = try box.eventCount()
        let beforeStatus = try box.ok(["--json", "status"]).out
        let result = try box.run(c.args, env: c.env)
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        #expect(result.errLines.count == 1, "one error line: \(result)")
        #expect(result.errLines.allSatisfy(isErrorLine), "error: what (fix): \(result)")
        for phrase in c.mentions { #expect(result.err.contains(phrase), "mentions \(phrase): \(result)") }
        #expect(try box.eventCount() == before, "a refused command changes nothing")
        #expect(try box.ok(["--json", "status"]).out == beforeStatus)
    }

    @Test func theActorComesFromSOP_USERWhenNoAsIsGiven() throws {
        let box = try Sandbox()
        let me = try box.ok(["whoami"], env: ["SOP_USER": "dan"])
        #expect(me.out.contains("dan"), "\(me)")
        try box.ok(["submit", "data-gathering", "sales-actuals", Sample.salesActuals], env: ["SOP_USER": "dan"])
        let log = try box.ok(["--json", "log"])
        let entries = try #require(try log.json() as? [[String: Any]])
        #expect(entries.last?["actor"] as? String == "dan")
        // --as wins over SOP_USER.
        let over = try box.ok(["--as", "lee", "whoami"], env: ["SOP_USER": "dan"])
        #expect(over.out.hasPrefix("lee"), "\(over)")
    }
}
