import Foundation
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// Tab completion of the executive S&OP commands: command words, and the ids of proposals, decisions
/// and actions where each is expected, read from the session's records.
@Suite struct FollowUpCompletionTests {
    /// November with P-1 (decided as D-1, then superseded by D-2), P-2 and P-3 open, a decision of its
    /// own D-3, and actions A-1 (open), A-2 (done), A-3 (cancelled), A-4 (open).
    static func session() throws -> Session {
        let session = try novemberSession(actor: "maria")
        for line in [
            "propose \"Close the gap\" --options \"Overtime|Outsource\"",
            "propose \"Raise prices\"",
            "propose \"Extend the promotion\"",
            "as sam",
            "decide P-1 \"Overtime\" --option Overtime --rationale r",
            "decide P-1 \"Outsource\" --option Outsource --supersedes D-1 --rationale r",
            "decide \"Hold resin stock\" --rationale r",
            "action add \"Agree shifts\" --owner omar --due 2026-11-20 --decision D-2",
            "action add \"Order resin\" --owner omar --due 2026-11-20",
            "action add \"Price lists\" --owner sofia --due 2026-11-20",
            "action add \"Contract\" --owner fiona --due 2026-11-30",
            "as maria",
            "action done A-2",
            "action cancel A-3 --reason \"Not needed\"",
        ] {
            _ = try session.run(line: line)
        }
        return session
    }

    static func completion() throws -> Completion {
        Completion(vocabulary: Completion.vocabulary(for: try session()))
    }

    static let team = ["dan", "fiona", "lee", "maria", "omar", "priya", "sam", "sofia"]

    @Test func theVocabularyHoldsOpenProposalsDecisionsInForceAndOpenActions() throws {
        let vocabulary = Completion.vocabulary(for: try Self.session())
        #expect(vocabulary.proposals == ["P-2", "P-3"])
        #expect(vocabulary.decisions == ["D-2", "D-3"])
        #expect(vocabulary.actions == ["A-1", "A-4"])
    }

    @Test(arguments: [
        // Command words.
        ([String](), "act", ["action", "actions"]),
        ([], "dec", ["decide", "decisions"]),
        ([], "pro", ["proposals", "propose"]),
        ([], "def", ["defer"]),
        (["action"], "", ["add", "cancel", "done", "reassign"]),
        (["action"], "re", ["reassign"]),
        (["help"], "act", ["action", "actions"]),
        // Open proposals where a proposal is expected.
        (["decide"], "", ["P-2", "P-3"]),
        (["decide"], "P-", ["P-2", "P-3"]),
        (["decide"], "P-3", ["P-3"]),
        (["defer"], "", ["P-2", "P-3"]),
        (["defer", "--to", "2027-01"], "P", ["P-2", "P-3"]),
        (["decide", "P-2"], "", []),
        // Open actions where an action is expected.
        (["action", "done"], "", ["A-1", "A-4"]),
        (["action", "cancel"], "A-", ["A-1", "A-4"]),
        (["action", "reassign"], "", ["A-1", "A-4"]),
        (["action", "done", "A-1"], "", []),
        // Decisions in force after --supersedes and --decision.
        (["decide", "P-2", "text", "--supersedes"], "", ["D-2", "D-3"]),
        (["decide", "text", "--rationale", "r", "--supersedes"], "D-", ["D-2", "D-3"]),
        (["action", "add", "Title", "--decision"], "", ["D-2", "D-3"]),
        // Participants after --owner; stages after --stage.
        (["action", "reassign", "A-1", "--owner"], "", team),
        (["action", "add", "Title", "--owner"], "", team),
        (["action", "add", "Title", "--owner"], "s", ["sam", "sofia"]),
        (["action", "add", "Title", "--due", "2026-11-20", "--owner"], "f", ["fiona"]),
        (["propose", "Text", "--stage"], "sup", ["supply-review"]),
        (["action", "add", "Title", "--stage"], "fin", ["financial-review"]),
        // Free text and dates complete to nothing.
        (["propose"], "", []),
        (["action", "add"], "", []),
        (["action", "add", "Title", "--due"], "", []),
        (["defer", "P-2", "--to"], "", []),
        // Options.
        (["actions"], "--", ["--all-cycles", "--mine", "--open", "--overdue"]),
        (["actions", "--mine"], "--o", ["--open", "--overdue"]),
        (["decisions"], "--", ["--all-cycles"]),
        (["decide", "P-2", "text"], "--", ["--option", "--rationale", "--supersedes"]),
        (["action", "add", "Title", "--owner", "omar"], "--", ["--decision", "--due", "--stage"]),
        (["defer", "P-2"], "--", ["--reason", "--to"]),
        (["help", "permissions"], "--", ["--markdown"]),
    ])
    func completes(preceding: [String], partial: String, expected: [String]) throws {
        #expect(try Self.completion().candidates(preceding: preceding, partial: partial) == expected)
    }

    @Test func idsFollowTheRecords() throws {
        let session = try Self.session()
        _ = try session.run(line: "as sam")
        _ = try session.run(line: "decide P-2 \"Raise by 2%\" --rationale r")
        _ = try session.run(line: "as omar")
        _ = try session.run(line: "action done A-1")
        let c = Completion(vocabulary: Completion.vocabulary(for: session))
        #expect(c.candidates(preceding: ["decide"], partial: "") == ["P-3"], "a decided proposal is no longer offered")
        #expect(c.candidates(preceding: ["action", "done"], partial: "") == ["A-4"], "a done action is no longer offered")
        #expect(c.candidates(preceding: ["decide", "x", "--supersedes"], partial: "") == ["D-2", "D-3", "D-4"])
    }

    /// A proposal deferred to a later month is `deferred`, not open, in this cycle: `proposals` says so,
    /// and completion offers only the open ones (the vocabulary's own promise).
    @Test func aDeferredProposalIsNotOfferedInTheCycleItLeft() throws {
        let session = try Self.session()
        _ = try session.run(line: "as sam")
        _ = try session.run(line: "defer P-3 --to 2026-12 --reason later")
        let c = Completion(vocabulary: Completion.vocabulary(for: session))
        #expect(c.candidates(preceding: ["decide"], partial: "") == ["P-2"])
        #expect(c.candidates(preceding: ["defer"], partial: "") == ["P-2"])
    }

    @Test func aFreshCycleOffersNoIds() throws {
        let c = Completion(vocabulary: Completion.vocabulary(for: try novemberSession()))
        #expect(c.candidates(preceding: ["decide"], partial: "") == [])
        #expect(c.candidates(preceding: ["action", "done"], partial: "") == [])
        #expect(c.candidates(preceding: ["decide", "x", "--supersedes"], partial: "") == [])
        #expect(c.candidates(preceding: ["action", "add", "t", "--owner"], partial: "") == Self.team)
    }

    @Test func openItemsOfTheCurrentCycleAreOfferedAfterTheCarryOver() throws {
        let session = try Self.session()
        // Close November: waive every stage, settle the open proposals.
        _ = try session.run(line: "as sam")
        _ = try session.run(line: "decide P-2 \"Raise by 2%\" --rationale r")
        _ = try session.run(line: "defer P-3 --to 2026-12 --reason later")
        _ = try session.run(line: "as maria")
        let stages = try session.database.read { try session.loadCycle($0) }.workflow.stages.map(\.id)
        for stage in stages { _ = try session.run(line: "waive \(stage) --reason skip") }
        _ = try session.run(line: "cycle close")
        _ = try session.run(line: "cycle open 2026-12")
        let c = Completion(vocabulary: Completion.vocabulary(for: session))
        #expect(c.candidates(preceding: ["action", "done"], partial: "") == ["A-1", "A-4"], "open actions carried over")
        #expect(c.candidates(preceding: ["decide"], partial: "") == ["P-3"], "a proposal deferred to December is open there")
    }

    /// `agenda --format` offers the formats, once the agenda command is in the table.
    @Test(.enabled(if: CommandTable.spec(named: ["agenda"]) != nil, "agenda is not in the command table yet"))
    func agendaFormatsComplete() throws {
        let c = try Self.completion()
        #expect(c.candidates(preceding: ["agenda", "--format"], partial: "") == ["html", "json", "markdown", "text"])
        #expect(c.candidates(preceding: ["agenda", "--format"], partial: "m") == ["markdown"])
        #expect(c.candidates(preceding: [], partial: "ag") == ["agenda"])
    }
}
