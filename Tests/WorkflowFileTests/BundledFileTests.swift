import Foundation
import SOPCore
import Testing
import WorkflowFile

@Suite("The workflow and team files shipped in Workflows/")
struct BundledFileTests {
    @Test(arguments: ["monthly-sop.yaml", "six-step.yaml"])
    func workflowParsesCleanly(_ name: String) throws {
        let text = try bundled(name)
        #expect(throws: Never.self) { try WorkflowFileReader.workflow(yaml: text, file: name) }
    }

    @Test func monthlyCycleHasTheEightStagesInOrder() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: bundled("monthly-sop.yaml"), file: "monthly-sop.yaml")
        #expect(workflow.id == "monthly-sop")
        #expect(workflow.title == "Monthly Sales & Operations Planning")
        #expect(
            workflow.stages.map(\.id) == [
                "data-gathering", "product-review", "demand-review", "supply-review", "financial-review",
                "pre-sop", "executive-sop", "execution",
            ])
        #expect(workflow.roles.map(\.id) == ["leader", "sponsor", "product", "demand", "sales", "supply", "finance"])
        #expect(workflow.calendar.workdays == [.mon, .tue, .wed, .thu, .fri])
        #expect(workflow.calendar.holidays.map(\.description) == ["2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"])

        let demand = try #require(workflow.stage("demand-review"))
        #expect(demand.owner == "demand")
        #expect(demand.contributors == ["sales"])
        #expect(demand.due == 6)
        #expect(demand.signoffs == ["demand", "sales"])
        #expect(
            demand.input("unconstrained-forecast")
                == InputSpec(
                    id: "unconstrained-forecast", title: "Unconstrained demand forecast", format: .csv,
                    columns: ["family", "month", "quantity"], plan: .demand))
        // The plan inputs, one of each kind, and the ERP headers the actuals and capacity files use.
        let plans = workflow.stages.flatMap(\.inputs).compactMap { input in input.plan.map { (input.id, $0) } }
        #expect(plans.map(\.0) == [
            "sales-actuals", "inventory-snapshot", "unconstrained-forecast", "supply-plan", "capacity-plan",
            "financial-projection", "operating-budget",
        ])
        #expect(plans.map(\.1) == [.actuals, .inventory, .demand, .supply, .capacity, .finance, .budget])
        #expect(workflow.stage("data-gathering")?.input("sales-actuals")?.planHeaders == [
            .family: "Product Family", .month: "Period", .quantity: "Units Shipped", .revenue: "Net Sales",
        ])
        #expect(workflow.stage("supply-review")?.input("capacity-plan")?.planHeaders == [
            .resource: "Work Centre", .month: "Month", .available: "Available Hours", .required: "Load Hours",
        ])
        #expect(workflow.exceptions == ExceptionThresholds(overCapacity: 1.0, belowBudget: 0.05, forecastError: 0.4))
        #expect(demand.escalation == [
            EscalationStep(after: 1, notify: ["owner"]), EscalationStep(after: 3, notify: ["leader"]),
            EscalationStep(after: 5, notify: ["sponsor"]),
        ])
        #expect(workflow.stage("pre-sop")?.after == ["product-review", "demand-review", "supply-review", "financial-review"])
        #expect(workflow.stage("execution")?.input("published-plan")?.format == .link)
        // Due days only move forward along the gates, so a stage is never due before what it waits for.
        func workday(_ id: String) -> Int {
            guard case .workday(let n)? = workflow.stage(id)?.due else { return 0 }
            return n
        }
        for stage in workflow.stages {
            for upstream in stage.after {
                #expect(workday(upstream) < workday(stage.id), "\(stage.id) after \(upstream)")
            }
        }
    }

    @Test func sixStepCycleSkipsDataGathering() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: bundled("six-step.yaml"), file: "six-step.yaml")
        #expect(workflow.id == "six-step")
        #expect(
            workflow.stages.map(\.id) == [
                "product-review", "demand-review", "supply-review", "financial-review", "pre-sop", "executive-sop",
            ])
        let demand = try #require(workflow.stage("demand-review"))
        #expect(demand.after.isEmpty)
        #expect(demand.input("sales-actuals")?.format == .csv)
        #expect(demand.input("unconstrained-forecast")?.format == .csv)
        #expect(workflow.stage("supply-review")?.after == ["demand-review"])
        #expect(workflow.stage("supply-review")?.due == .after(stage: "demand-review", workdays: 3))
        #expect(workflow.stage("financial-review")?.after == ["demand-review", "supply-review"])
        #expect(workflow.stage("executive-sop")?.after == ["pre-sop"])
    }

    @Test func theMonthlyWorkflowChasesSignoffsAndActions() throws {
        let workflow = try WorkflowFileReader.workflow(yaml: bundled("monthly-sop.yaml"), file: "monthly-sop.yaml")
        #expect(workflow.signoffEscalation == [
            EscalationStep(after: 2, notify: ["signers"]), EscalationStep(after: 4, notify: ["leader"]),
        ])
        #expect(workflow.actionEscalation == [
            EscalationStep(after: 1, notify: ["owner"]), EscalationStep(after: 5, notify: ["leader"]),
        ])
        #expect(workflow.notify == nil, "the bundled workflow leaves the mail hook as a commented example")
    }

    @Test(arguments: ["monthly-sop.yaml", "six-step.yaml"])
    func executiveMeetingRequiresDecisionsAndAgendaShowsSupplyConstraints(_ name: String) throws {
        let workflow = try WorkflowFileReader.workflow(yaml: bundled(name), file: name)
        #expect(workflow.stage("executive-sop")?.requires == [.decisions])
        #expect(workflow.meetingStage?.id == "executive-sop")
        #expect(workflow.stages.filter { !$0.requires.isEmpty }.map(\.id) == ["executive-sop"])
        #expect(workflow.agenda.constraints == ["supply-review"])
        #expect(workflow.deciders == [])
        #expect(workflow.decisionRoles == ["sponsor"])
    }

    /// The commented `deciders:` example must work when a reader uncomments it.
    @Test(arguments: ["monthly-sop.yaml", "six-step.yaml"])
    func commentedDecidersExampleParses(_ name: String) throws {
        let text = try bundled(name)
        #expect(text.contains("\n# deciders: [finance]\n"))
        let uncommented = text.replacingOccurrences(of: "\n# deciders: [finance]\n", with: "\ndeciders: [finance]\n")
        let workflow = try WorkflowFileReader.workflow(yaml: uncommented, file: name)
        #expect(workflow.deciders == ["finance"])
        #expect(workflow.decisionRoles == ["sponsor", "finance"])
    }

    @Test(arguments: ["monthly-sop.yaml", "six-step.yaml"])
    func teamCoversEveryRole(_ name: String) throws {
        let workflow = try WorkflowFileReader.workflow(yaml: bundled(name), file: name)
        let team = try WorkflowFileReader.team(yaml: bundled("team.yaml"), file: "team.yaml", workflow: workflow)
        for role in workflow.roles {
            #expect(!team.holders(of: role.id).isEmpty, "nobody holds \(role.id)")
        }
        #expect(workflow.roles.contains { team.holders(of: $0.id).count >= 2 }, "no role is shared")
    }

    @Test func teamMembersHaveLoginsAndEmails() throws {
        let team = try WorkflowFileReader.team(yaml: bundled("team.yaml"), file: "team.yaml", workflow: nil)
        #expect(team.participant(login: "maria")?.isLeader == true)
        for person in team.participants {
            #expect(person.login == person.id)
            #expect(person.email == "\(person.id)@example.com")
        }
    }

    @Test(arguments: ["monthly-sop.yaml", "six-step.yaml", "team.yaml"])
    func checkTellsTheKindApart(_ name: String) throws {
        switch try WorkflowFileReader.check(yaml: bundled(name), file: name) {
        case .workflow(let workflow): #expect(name != "team.yaml", "\(workflow.id)")
        case .team: #expect(name == "team.yaml")
        }
    }
}
