import Foundation
import Testing

/// What a new user tripped on: `--help` and `--version`, messages that fit the way sop was started,
/// help examples in the open workflow's words, and errors a script can read under `--json`.
@Suite struct WhatANewUserTripsOn {
    // MARK: --help, -h, --version

    @Test(arguments: [["--help"], ["-h"], ["--db", "elsewhere.db", "--help"], ["--json", "-h"]])
    func helpPrintsTheInvocationAndTheCommandList(args: [String]) throws {
        let box = try Sandbox()
        let result = try box.run(args, db: false)
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        #expect(result.out.contains("sop [--db <PATH>] [--as <PARTICIPANT>]"), "the invocation: \(result)")
        for synopsis in ["submit STAGE INPUT (FILE | --note TEXT | --link URL)", "signoff STAGE", "cycle open [YYYY-MM]", "play FILE..."] {
            #expect(result.out.contains(synopsis), "lists \(synopsis): \(result)")
        }
        #expect(!box.databaseExists && !FileManager.default.fileExists(atPath: box.path("elsewhere.db")), "help creates no database")
    }

    @Test func versionPrintsSopAndTheVersion() throws {
        let box = try Sandbox()
        let result = try box.run(["--version"], db: false)
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        #expect(result.out.wholeMatch(of: /sop \d+\.\d+\.\d+\n/) != nil, "\(result)")
    }

    @Test func aHelpFlagThatIsAnOptionsValueOrAfterTheCommandIsNotAHelpRequest() throws {
        let box = try Sandbox()
        // The value of --as, and a word of the command: only the global options are looked at.
        for args in [["--as", "-h", "status"], ["--as", "maria", "submit", "data-gathering", "sales-actuals", "--note", "--help"]] {
            let result = try box.run(args)
            #expect(!result.out.contains("USAGE: sop"), "\(args): \(result)")
        }
    }

    // MARK: the way to act fits the mode

    @Test func aOneShotRefusalNamesAsOptionAndTheBatchOneTheAsCommand() throws {
        let box = try Sandbox()
        let oneShot = try box.run(["--as", "dan", "cycle", "close"])
        #expect(oneShot.code == 1, "\(oneShot)")
        #expect(oneShot.err.contains("act as one of them with --as PARTICIPANT or SOP_USER"), "\(oneShot)")
        #expect(!oneShot.err.contains("`as`"), "`as` is a REPL command, not a one-shot option: \(oneShot)")
        let batch = try box.run([], stdin: "as dan\ncycle close\n")
        #expect(batch.code == 1, "\(batch)")
        #expect(batch.err.contains("act as one of them with `as`"), "the next line may be `as maria`: \(batch)")
    }

    // MARK: help examples in the workflow's words

    static let ownWorkflow = """
        workflow: own-words
        title: A workflow with its own stage ids
        roles:
          leader: S&OP leader
          sponsor: Executive sponsor
          demand: Demand planner
          forecaster: Forecaster
        stages:
          - id: forecast
            title: Forecast
            owner: demand
            due: 3
            inputs: [baseline, promotions]
            signoffs: [demand, forecaster]
          - id: plan
            title: Plan
            owner: demand
            after: [forecast]
            due: 6
            inputs: [plan-file]
            signoffs: [sponsor]
        """

    static let ownTeam = """
        team:
          - { id: maria, name: Maria Lopez, roles: [leader] }
          - { id: sam, name: Sam Okafor, roles: [sponsor] }
          - { id: dan, name: Dan Weber, roles: [demand] }
        """

    func ownWorkflowDatabase(_ box: Sandbox) throws {
        try box.ok(["init", "--workflow", try box.write("own.yaml", Self.ownWorkflow), "--team", try box.write("own-team.yaml", Self.ownTeam)])
    }

    @Test func helpExamplesNameTheOpenWorkflowsStagesAndInputs() throws {
        let box = try Sandbox()
        try ownWorkflowDatabase(box)
        let help = try box.run([], stdin: "help submit\nhelp why\nhelp log\nhelp reject\n")
        #expect(help.code == 0, "\(help)")
        let examples = help.outLines.filter { $0.hasPrefix("  ") }.joined(separator: "\n")
        for bundled in ["demand-review", "supply-review", "execution", "unconstrained-forecast", "published-plan", "supply-plan"] {
            #expect(!examples.contains(bundled), "\(bundled) is not a stage or input of this workflow:\n\(examples)")
        }
        // The bundled example's stage stands third of eight; this workflow's stage at that place is its last.
        #expect(examples.contains("  submit plan plan-file forecast.csv"), "\(examples)")
        #expect(examples.contains("  why plan"), "\(examples)")
        #expect(examples.contains("  log --stage plan --limit 5"), "\(examples)")
        #expect(examples.contains("  reject plan --input plan-file --reason"), "\(examples)")
    }

    @Test func helpWithoutADatabaseShowsPlaceholders() throws {
        let box = try Sandbox()
        let help = try box.ok(["help", "submit"])
        #expect(help.out.contains("  submit STAGE INPUT forecast.csv"), "\(help)")
        #expect(!help.out.contains("demand-review"), "\(help)")
    }

    @Test func whyNamesARoleNobodyHoldsInASentence() throws {
        let box = try Sandbox()
        try ownWorkflowDatabase(box)
        try box.ok(["--as", "maria", "cycle", "open", "2026-11"])
        try box.ok(["--as", "dan", "submit", "forecast", "baseline", "--note", "flat"])
        try box.ok(["--as", "dan", "submit", "forecast", "promotions", "--note", "none"])
        let why = try box.ok(["why", "forecast"])
        #expect(why.out.contains("Needs a sign-off from the forecaster role (nobody holds it"), "\(why)")
        #expect(!why.out.contains("from nobody holds"), "\(why)")
    }

    // MARK: errors under --json

    func jsonError(_ result: Outcome, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let line = try #require(result.err.split(separator: "\n").last.map(String.init), sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return try #require(object, "stderr is a JSON object: \(result)", sourceLocation: sourceLocation)
    }

    @Test func aRefusalUnderJSONIsAJSONObjectWithItsRule() throws {
        let box = try Sandbox()
        try box.ok(["status"])
        let result = try box.run(["--json", "--as", "dan", "cycle", "close"])
        #expect(result.code == 1, "\(result)")
        let error = try jsonError(result)
        #expect((error["error"] as? String)?.contains("dan may not close the cycle") == true, "\(error)")
        #expect((error["fix"] as? String)?.contains("ask maria (leader)") == true, "\(error)")
        #expect(error["rule"] as? String == "permission", "\(error)")
        #expect(!result.err.contains("error: "), "no text line beside the JSON: \(result)")
    }

    @Test(arguments: [
        (["--json", "frobnicate"], Int32(2)),
        (["--json", "--db"], Int32(2)),
        (["--json", "--now", "25:00", "status"], Int32(2)),
        (["status", "--json", "--limit"], Int32(2)),
        (["--json", "--as", "maria", "submit", "data-gathering", "sales-actuals", "missing.csv"], Int32(1)),
    ])
    func otherErrorsUnderJSONAreJSONWithoutARule(args: [String], code: Int32) throws {
        let box = try Sandbox()
        let result = try box.run(args)
        #expect(result.code == code, "\(result)")
        let error = try jsonError(result)
        #expect(error["error"] is String && error["fix"] is String, "\(error)")
        #expect(error["rule"] == nil, "only a refusal names a rule: \(error)")
    }

    @Test func batchAndPlaybookErrorsUnderJSONSayWhichLine() throws {
        let box = try Sandbox()
        let batch = try box.run(["--json"], stdin: "status\nfrobnicate\n")
        #expect(batch.code == 2, "\(batch)")
        #expect(try jsonError(batch)["line"] as? Int == 2, "\(batch)")
        let file = try box.write("bad.sop", "as maria\nexpect data-gathering done\n")
        let play = try box.run(["--json", "play", file])
        #expect(play.code == 1, "\(play)")
        let error = try jsonError(play)
        #expect(error["file"] as? String == file && error["line"] as? Int == 2, "\(error)")
    }

    @Test func workflowCheckProblemsUnderJSONAreJSONWithTheirPlace() throws {
        let box = try Sandbox()
        let file = try box.write("broken.yaml", Self.ownWorkflow.replacingOccurrences(of: "owner: demand\n    after:", with: "owner: nobody\n    after:"))
        let text = try box.run(["workflow", "check", file])
        #expect(text.code == 1 && text.err.contains("\(file):"), "\(text)")
        let json = try box.run(["--json", "workflow", "check", file])
        #expect(json.code == 1, "\(json)")
        let error = try jsonError(json)
        #expect(error["file"] as? String == file && error["line"] is Int && error["column"] is Int, "\(error)")
        #expect((error["error"] as? String)?.contains("nobody") == true, "\(error)")
    }
}
