import Foundation
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

@Suite struct CompletionTests {
    func completion() throws -> Completion {
        Completion(vocabulary: Completion.vocabulary(for: try novemberSession()))
    }

    @Test(arguments: [
        ([String](), "st", ["status"]),
        ([], "s", ["scenario", "show", "signoff", "status", "submit"]),
        (["cycle"], "", ["cancel", "close", "list", "open", "use"]),
        (["status"], "dem", ["demand-review"]),
        (["submit", "demand-review"], "", ["demand-assumptions", "unconstrained-forecast"]),
        (["submit", "data-gathering"], "inv", ["inventory-snapshot"]),
        (["reject", "supply-review", "--input"], "", ["capacity-plan", "constraints", "supply-plan"]),
        (["reject", "supply-review", "--reason", "x", "--input"], "sup", ["supply-plan"]),
        (["signoff", "pre-sop", "--role"], "", ["demand", "finance", "supply"]),
        (["signoff", "demand-review"], "--", ["--comment", "--role"]),
        (["signoff", "demand-review", "--comment", "ok"], "--", ["--role"]),
        (["as"], "d", ["dan"]),
        (["cycle", "use"], "2026", ["2026-11"]),
        (["help"], "cy", ["cycle"]),
        (["why", "demand-review"], "", []),
        (["log", "--stage"], "exe", ["execution", "executive-sop"]),
        (["show"], "dem", ["demand-review"]),
        (["show", "demand-review"], "", ["demand-assumptions", "unconstrained-forecast"]),
        (["show", "demand-review", "unconstrained-forecast"], "--", ["--force", "--history", "--output", "--version"]),
    ])
    func completes(preceding: [String], partial: String, expected: [String]) throws {
        #expect(try completion().candidates(preceding: preceding, partial: partial) == expected)
    }

    @Test func commandLineOnlyCommandsAreNotOffered() throws {
        let words = try completion().candidates(preceding: [], partial: "")
        #expect(!words.contains("play") && !words.contains("init") && !words.contains("workflow"))
        #expect(words.contains("exit") && words.contains("quit"))
    }

    @Test func filesCompleteWithFoldersMarked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: folder.appendingPathComponent("plan-v1.csv"))
        try Data("a".utf8).write(to: folder.appendingPathComponent(".hidden"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.path + "/"
        #expect(Completion.files(matching: base + "pl") == [base + "plan-v1.csv", base + "plans/"])
        #expect(Completion.files(matching: base) == [base + "plan-v1.csv", base + "plans/"])
        #expect(Completion.files(matching: base + ".h") == [base + ".hidden"])
        let c = try completion()
        #expect(c.candidates(preceding: ["submit", "demand-review", "unconstrained-forecast"], partial: base + "plan-") == [base + "plan-v1.csv"])
    }
}
