import SOPCore
import Testing
import WorkflowFile

/// `limits: { note: N, file: SIZE, agenda-lines: N }` in a workflow file.
@Suite struct TheLimitsKeyIsReadAndChecked {
    let stages = "  - { id: demand, owner: demand, signoffs: [demand] }\n"

    @Test func theValuesAreRead() throws {
        let workflow = try WorkflowFileReader.workflow(
            yaml: header + stages + "limits: { note: 500, file: 2MB, agenda-lines: 3 }\n", file: "w.yaml")
        #expect(workflow.limits == SubmissionLimits(note: 500, file: 2_000_000, agendaLines: 3))
    }

    @Test func absentKeysKeepTheirDefaults() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: header + stages + "limits: { note: 500 }\n", file: "w.yaml")
        #expect(workflow.limits == SubmissionLimits(note: 500))
        #expect(try WorkflowFileReader.workflow(yaml: header + stages, file: "w.yaml").limits == SubmissionLimits())
    }

    @Test(arguments: [
        ("limits: { note: 0 }", "w.yaml:8:17: error:", "bad note limit '0'"),
        ("limits: { file: 100MB }", "w.yaml:8:17: error:", "bad file limit '100MB'"),
        ("limits: { file: lots }", "w.yaml:8:17: error:", "like 20MB, 500KB or 1500B"),
        ("limits: { agenda-lines: 0 }", "w.yaml:8:25: error:", "bad agenda-lines '0'"),
        ("limits: { notes: 10 }", "w.yaml:8:11: error:", "unknown key 'notes'"),
    ])
    func badValuesAreDiagnosedWhereTheyAreWritten(line: String, prefix: String, phrase: String) {
        expectSingle(workflowDiagnostics(header + stages + line + "\n"), BrokenFile(name: line, yaml: "", prefix: prefix, phrase: phrase))
    }
}
