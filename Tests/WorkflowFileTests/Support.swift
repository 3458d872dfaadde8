import Foundation
import SOPCore
import Testing
import WorkflowFile

/// One broken file and the diagnostic it must produce: the exact `FILE:LINE:COL: error:` prefix and a
/// phrase the message must contain (the full wording may be polished without touching every test).
struct BrokenFile: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var prefix: String
    var phrase: String

    var testDescription: String { name }
}

/// The lines every workflow case starts from; a case's stages therefore begin on line 7.
let header = """
    workflow: w
    roles:
      leader: Leader
      sponsor: Sponsor
      demand: Demand planner
    stages:

    """

/// Every diagnostic reading `yaml` as a workflow produced; empty when it was valid.
func workflowDiagnostics(_ yaml: String, file: String = "w.yaml") -> [FileDiagnostic] {
    do {
        _ = try WorkflowFileReader.workflow(yaml: yaml, file: file)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Every diagnostic reading `yaml` as a team produced; empty when it was valid.
func teamDiagnostics(_ yaml: String, workflow: Workflow? = nil, file: String = "t.yaml") -> [FileDiagnostic] {
    do {
        _ = try WorkflowFileReader.team(yaml: yaml, file: file, workflow: workflow)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Asserts that exactly one diagnostic came out and that it is the expected one.
func expectSingle(_ diagnostics: [FileDiagnostic], _ expected: BrokenFile, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))", sourceLocation: sourceLocation)
    guard let first = diagnostics.first else { return }
    #expect(first.description.hasPrefix(expected.prefix), "\(first)", sourceLocation: sourceLocation)
    #expect(first.message.contains(expected.phrase), "\(first)", sourceLocation: sourceLocation)
}

/// The package root, found from this file so the tests run from any working directory.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // WorkflowFileTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

func bundled(_ name: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("Workflows/\(name)"), encoding: .utf8)
}
