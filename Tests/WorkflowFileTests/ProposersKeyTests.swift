import SOPCore
import Testing
import WorkflowFile

/// The workflow file's `proposers:` key: read as role ids, each checked against `roles:`.
@Suite struct TheProposersKeyIsReadAndChecked {
    let stages = """
          - { id: demand, owner: demand, signoffs: [demand] }
          - { id: meeting, owner: leader, after: [demand], signoffs: [sponsor], requires: [decisions] }

        """

    @Test func theRolesAreRead() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: "proposers: [demand]\n" + header + stages, file: "w.yaml")
        #expect(workflow.proposers == ["demand"])
        #expect(workflow.proposerRoles == ["demand"])
    }

    @Test func absentMeansTheDefault() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: header + stages, file: "w.yaml")
        #expect(workflow.proposers == nil)
        #expect(workflow.proposerRoles == ["demand"], "the sign-off roles of the stage the meeting comes after")
    }

    @Test func anUnknownRoleIsDiagnosedWhereItIsWritten() {
        let diagnostics = workflowDiagnostics(header + stages + "proposers: [demand, finace]\n")
        expectSingle(diagnostics, BrokenFile(name: "proposers", yaml: "", prefix: "w.yaml:9:21: error:", phrase: "finace"))
    }
}
