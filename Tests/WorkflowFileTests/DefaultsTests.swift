import SOPCore
import Testing
import WorkflowFile

@Suite("Defaults and the shorthand forms")
struct DefaultsTests {
    @Test func minimalWorkflowGetsDefaults() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: header + stageA + "    inputs: [plan, notes]\n", file: "w.yaml")
        #expect(workflow.title == "w")
        #expect(workflow.calendar == WorkCalendar())
        #expect(workflow.calendar.workdays == [.mon, .tue, .wed, .thu, .fri])
        #expect(workflow.roles == [
            Role(id: "leader", title: "Leader"), Role(id: "sponsor", title: "Sponsor"),
            Role(id: "demand", title: "Demand planner"),
        ])
        let stage = try #require(workflow.stages.first)
        #expect(stage == Stage(
            id: "a", title: "a", owner: "demand", signoffs: ["demand"],
            escalation: []).withInputs([InputSpec(id: "plan"), InputSpec(id: "notes")]))
        #expect(stage.inputs.map(\.format) == [.any, .any])
        #expect(stage.inputs.map(\.title) == ["plan", "notes"])
        #expect(stage.due == nil)
        #expect(stage.requires == [])
        #expect(workflow.deciders == [])
        #expect(workflow.decisionRoles == ["sponsor"])
        #expect(workflow.agenda == AgendaSources())
        #expect(workflow.meetingStage == nil)
    }

    @Test func bareAndMappedInputsMix() throws {
        let yaml = header + stageA + """
                inputs:
                  - notes
                  - { id: plan, title: The plan, format: csv, columns: [a, b] }
                  - id: site
                    format: link

            """
        let stage = try #require(try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml").stages.first)
        #expect(stage.inputs == [
            InputSpec(id: "notes"),
            InputSpec(id: "plan", title: "The plan", format: .csv, columns: ["a", "b"]),
            InputSpec(id: "site", format: .link),
        ])
    }

    @Test func stageWithoutInputsIsAllowed() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: header + stageA + "    inputs: []\n", file: "w.yaml")
        #expect(workflow.stages.first?.inputs == [])
    }

    @Test func workflowLevelLaddersAndTheNotifyHookAreRead() throws {
        let yaml = header + stageA + """
            signoff-escalation: { after: 2, notify: [signers, owner] }
            action-escalation:
              - { after: 1, notify: [owner] }
              - { after: 4, notify: [leader, sponsor] }
            notify: { command: [/usr/local/bin/sop-mail, --from, sop@example.com], timeout: 5 }

            """
        let workflow = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(workflow.signoffEscalation == [EscalationStep(after: 2, notify: ["signers", "owner"])])
        #expect(workflow.actionEscalation == [
            EscalationStep(after: 1, notify: ["owner"]), EscalationStep(after: 4, notify: ["leader", "sponsor"]),
        ])
        #expect(workflow.notify == NotifyCommand(command: ["/usr/local/bin/sop-mail", "--from", "sop@example.com"], timeout: 5))
    }

    @Test func withoutThemThereAreNoLaddersAndNoHook() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: header + stageA, file: "w.yaml")
        #expect(workflow.signoffEscalation.isEmpty && workflow.actionEscalation.isEmpty && workflow.notify == nil)
    }

    @Test func aRelativeDueDateIsRead() throws {
        let yaml = header + stageA + """
              - id: b
                owner: leader
                after: [a]
                signoffs: [sponsor]
                due: { after: a, workdays: 3 }

            """
        let workflow = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(workflow.stage("b")?.due == .after(stage: "a", workdays: 3))
    }

    @Test func decidersRequiresAndAgendaAreRead() throws {
        let yaml = header + stageA + """
              - id: meeting
                owner: leader
                after: [a]
                signoffs: [sponsor]
                requires: [decisions]
            deciders: [demand, sponsor]
            agenda:
              constraints: [meeting, a]

            """
        let workflow = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(workflow.deciders == ["demand", "sponsor"])
        #expect(workflow.decisionRoles == ["sponsor", "demand"])
        #expect(workflow.stage("a")?.requires == [])
        #expect(workflow.stage("meeting")?.requires == [.decisions])
        #expect(workflow.meetingStage?.id == "meeting")
        #expect(workflow.agenda == AgendaSources(constraints: ["meeting", "a"]))
    }

    @Test func emptyDecisionAndAgendaListsAreAllowed() throws {
        let yaml = header + stageA + """
                requires: []
            deciders: []
            agenda: { constraints: [] }

            """
        let workflow = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(workflow.deciders == [])
        #expect(workflow.stages.first?.requires == [])
        #expect(workflow.agenda == AgendaSources())
    }

    @Test func agendaWithoutConstraintsIsAllowed() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: header + stageA + "agenda: {}\n", file: "w.yaml")
        #expect(workflow.agenda.constraints == [])
    }

    @Test func calendarAndRoleMappingForms() throws {
        let yaml = """
            workflow: w
            title: A six-day week
            calendar:
              workdays: [mon, tue, wed, thu, fri, sat]
              holidays: [2028-02-29]
              zone: America/Chicago
            roles:
              leader: { title: Leader }
              sponsor: Sponsor
            stages:
              - id: a
                owner: leader
                due: 23
                signoffs: [sponsor]
                escalation:
                  - { after: 1, notify: [owner] }
                  - { after: 2, notify: [sponsor, leader] }

            """
        let workflow = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(workflow.title == "A six-day week")
        #expect(workflow.calendar == WorkCalendar(
            workdays: [.mon, .tue, .wed, .thu, .fri, .sat], holidays: [Day(year: 2028, month: 2, day: 29)], zone: "America/Chicago"))
        #expect(workflow.roles.first == Role(id: "leader", title: "Leader"))
        #expect(workflow.stages.first?.due == 23)
        #expect(workflow.stages.first?.escalation == [
            EscalationStep(after: 1, notify: ["owner"]), EscalationStep(after: 2, notify: ["sponsor", "leader"]),
        ])
    }

    @Test func checkJudgesByTopLevelKey() throws {
        guard case .team(let team) = try WorkflowFileReader.check(
            yaml: "team:\n  - { id: a, name: A, roles: [leader] }\n", file: "t.yaml")
        else {
            Issue.record("expected a team")
            return
        }
        #expect(team.participants.map(\.id) == ["a"])

        guard case .workflow(let workflow) = try WorkflowFileReader.check(yaml: header + stageA, file: "w.yaml") else {
            Issue.record("expected a workflow")
            return
        }
        #expect(workflow.id == "w")
    }

    @Test func checkRefusesAFileWithBothKinds() {
        #expect {
            try WorkflowFileReader.check(yaml: "workflow: w\nteam: []\n", file: "x.yaml")
        } throws: { error in
            (error as? FileProblems)?.description
                == "x.yaml:1:1: error: the file has both `workflow:` and `team:` (keep the workflow and the team in separate files)"
        }
    }

    @Test func checkWithNeitherKeyExplainsTheWorkflowShape() {
        #expect {
            try WorkflowFileReader.check(yaml: "roles: {}\n", file: "x.yaml")
        } throws: { error in
            (error as? FileProblems)?.diagnostics.first?.message.contains("missing required key 'workflow'") == true
        }
    }
}

extension Stage {
    fileprivate func withInputs(_ inputs: [InputSpec]) -> Stage {
        var copy = self
        copy.inputs = inputs
        return copy
    }
}
