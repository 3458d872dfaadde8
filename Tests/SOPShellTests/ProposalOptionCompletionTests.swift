import Testing
@testable import SOPShell
import SOPApp

/// `decide P-N ... --option ` completes the options of the proposal named on the line.
@Suite struct ProposalOptionsCompleteAfterDecideOption {
    func completion() -> Completion {
        var vocabulary = Vocabulary()
        vocabulary.proposals = ["P-1", "P-2"]
        vocabulary.proposalOptions = ["P-1": ["Saturday overtime", "Outsource"], "P-2": ["Raise prices", "Hold"]]
        return Completion(vocabulary: vocabulary)
    }

    @Test(arguments: [
        (["decide", "P-1", "Run overtime", "--option"], "", ["Saturday overtime", "Outsource"]),
        (["decide", "P-1", "Run overtime", "--option"], "Sat", ["Saturday overtime"]),
        (["decide", "P-2", "x", "--rationale", "why", "--option"], "", ["Raise prices", "Hold"]),
        (["decide", "Freeze prices", "--option"], "", []),
        (["decide", "P-9", "x", "--option"], "", []),
    ])
    func completes(preceding: [String], partial: String, expected: [String]) {
        #expect(completion().candidates(preceding: preceding, partial: partial) == expected)
    }
}
