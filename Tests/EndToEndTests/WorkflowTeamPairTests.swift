import Foundation
import Testing

/// `sop workflow check WORKFLOW TEAM` checks the pair the way `init` and `cycle open` use it, and
/// `init` refuses a team that lacks the leader or the sponsor.
@Suite struct AWorkflowAndATeamAreCheckedTogether {
    static let workflow = """
        workflow: small
        roles:
          leader: Leader
          sponsor: Sponsor
          demand: Demand planner
          finance: Finance controller
        stages:
          - { id: demand, owner: demand, signoffs: [demand] }

        """

    @Test func aTeamWithARoleTheWorkflowLacksFailsAtThatRole() throws {
        let box = try Sandbox()
        let w = try box.write("w.yaml", Self.workflow)
        let t = try box.write("t.yaml", """
            team:
              - { id: maria, name: Maria, roles: [leader, sponsor] }
              - { id: dan, name: Dan, roles: [demand, sales] }

            """)
        let result = try box.run(["workflow", "check", w, t])
        #expect(result.code == 1, "\(result)")
        #expect(result.errLines.contains { $0.hasPrefix("\(t):3:43: error: unknown role 'sales'") }, "\(result)")
    }

    @Test func aTeamWithoutLeaderOrSponsorFailsAtItsTeamKey() throws {
        let box = try Sandbox()
        let w = try box.write("w.yaml", Self.workflow)
        let t = try box.write("t.yaml", "team:\n  - { id: dan, name: Dan, roles: [demand, finance] }\n")
        let result = try box.run(["workflow", "check", w, t])
        #expect(result.code == 1, "\(result)")
        #expect(result.errLines.contains { $0.hasPrefix("\(t):1:1: error: nobody on the team holds the leader role") }, "\(result)")
        #expect(result.errLines.contains { $0.hasPrefix("\(t):1:1: error: nobody on the team holds the sponsor role") }, "\(result)")
        #expect(!result.out.contains("t.yaml: ok"), "\(result)")
    }

    @Test func rolesNobodyHoldsAreWarnedAboutAtTheirLineAndStillPass() throws {
        let box = try Sandbox()
        let w = try box.write("w.yaml", Self.workflow)
        let t = try box.write("t.yaml", "team:\n  - { id: maria, name: Maria, roles: [leader, sponsor, demand] }\n")
        let result = try box.run(["workflow", "check", w, t])
        #expect(result.code == 0, "\(result)")
        #expect(result.outLines.contains("\(t): ok: team of 1 participant holding 3 roles, identity declared, fits workflow small"), "\(result)")
        #expect(result.errLines == ["\(w):6:3: warning: nobody in \(t) holds the role 'finance' (a stage that needs its sign-off can never be done: give the role to someone in \(t), or remove it from the workflow)"], "\(result)")
        #expect(result.outLines.first == "\(w): ok: workflow small, 1 stage, 4 roles, 0 inputs", "\(result)")
    }

    @Test func initRefusesATeamWithoutASponsor() throws {
        let box = try Sandbox()
        let w = try box.write("w.yaml", Self.workflow)
        let t = try box.write("t.yaml", "team:\n  - { id: maria, name: Maria, roles: [leader, demand, finance] }\n")
        let result = try box.run(["init", "--workflow", w, "--team", t])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("t.yaml:1:1: error: nobody on the team holds the sponsor role"), "\(result)")
        #expect(!box.databaseExists)
    }

    @Test func initCountsInTheSingular() throws {
        let box = try Sandbox()
        let w = try box.write("w.yaml", Self.workflow)
        let t = try box.write("t.yaml", "team:\n  - { id: maria, name: Maria, roles: [leader, sponsor, demand, finance] }\n")
        let result = try box.ok(["init", "--workflow", w, "--team", t])
        #expect(result.out.contains("workflow small (1 stage), a team of 1 participant."), "\(result)")
    }
}
