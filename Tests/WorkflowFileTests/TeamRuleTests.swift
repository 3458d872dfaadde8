import SOPCore
import Testing
import WorkflowFile

/// The workflow team roles are checked against in the cases that pass one.
let teamWorkflow = Workflow(
    id: "w", title: "W",
    roles: [Role(id: "leader", title: "L"), Role(id: "sponsor", title: "S"), Role(id: "demand", title: "D")],
    stages: [Stage(id: "a", title: "A", owner: "demand", signoffs: ["demand"])])

let teamCases: [BrokenFile] = [
    BrokenFile(
        name: "unknown top-level key",
        yaml: "team:\n  - { id: a, name: A, roles: [leader] }\nmembers: []\n",
        prefix: "t.yaml:3:1: error:", phrase: "unknown key 'members' in the team file (allowed keys: team, identity)"),
    BrokenFile(
        name: "empty team",
        yaml: "team: []\n",
        prefix: "t.yaml:1:1: error:", phrase: "team is empty"),
    BrokenFile(
        name: "team not a list",
        yaml: "team: maria\n",
        prefix: "t.yaml:1:7: error:", phrase: "team must be a list"),
    BrokenFile(
        name: "unknown participant key",
        yaml: "team:\n  - { id: a, name: A, roles: [leader], phone: 1 }\n",
        prefix: "t.yaml:2:40: error:", phrase: "unknown key 'phone' in participant 'a'"),
    BrokenFile(
        name: "duplicate participant id",
        yaml: "team:\n  - { id: a, name: A, roles: [leader] }\n  - { id: a, name: B, roles: [leader] }\n",
        prefix: "t.yaml:3:11: error:", phrase: "duplicate participant id 'a' (it was already used at line 2"),
    BrokenFile(
        name: "duplicate login",
        yaml: "team:\n  - { id: a, name: A, roles: [leader], login: x }\n  - { id: b, name: B, roles: [leader], login: x }\n",
        prefix: "t.yaml:3:47: error:", phrase: "duplicate login 'x' (participant 'a' at line 2 already has it"),
    BrokenFile(
        name: "participant without id",
        yaml: "team:\n  - { name: A, roles: [leader] }\n",
        prefix: "t.yaml:2:5: error:", phrase: "participant #1 has no id"),
    BrokenFile(
        name: "participant without name",
        yaml: "team:\n  - { id: a, roles: [leader] }\n",
        prefix: "t.yaml:2:5: error:", phrase: "participant 'a' has no name"),
    BrokenFile(
        name: "participant without roles",
        yaml: "team:\n  - { id: a, name: A }\n",
        prefix: "t.yaml:2:5: error:", phrase: "participant 'a' has no roles"),
    BrokenFile(
        name: "participant with empty roles",
        yaml: "team:\n  - { id: a, name: A, roles: [] }\n",
        prefix: "t.yaml:2:30: error:", phrase: "participant 'a' has empty roles"),
    BrokenFile(
        name: "bad participant id",
        yaml: "team:\n  - { id: Maria, name: A, roles: [leader] }\n",
        prefix: "t.yaml:2:11: error:", phrase: "bad participant id 'Maria'"),
    BrokenFile(
        name: "bad role id without a workflow",
        yaml: "team:\n  - { id: a, name: A, roles: [Leader] }\n",
        prefix: "t.yaml:2:31: error:", phrase: "bad role id 'Leader' for participant 'a'"),
    BrokenFile(
        name: "bad email",
        yaml: "team:\n  - { id: a, name: A, roles: [leader], email: a.example.com }\n",
        prefix: "t.yaml:2:47: error:", phrase: "bad email 'a.example.com'"),
    BrokenFile(
        name: "workflow file read as a team",
        yaml: "workflow: w\nroles: {}\n",
        prefix: "t.yaml:1:1: error:", phrase: "this is a workflow file, not a team file"),
]

@Suite("Team rules")
struct TeamRuleTests {
    @Test(arguments: teamCases)
    func rule(_ broken: BrokenFile) {
        expectSingle(teamDiagnostics(broken.yaml), broken)
    }

    @Test func misspeltTeamKeyIsUnknownAndTeamIsMissing() {
        let messages = teamDiagnostics("# team:\nteem: []\n").map(\.description)
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("t.yaml:2:1: error: unknown key 'teem' in the team file (did you mean 'team'?") == true)
        #expect(messages.last?.hasPrefix("t.yaml:2:1: error: missing required key 'team'") == true)
    }

    @Test func unknownRoleIsCheckedAgainstTheWorkflow() {
        // The team holds the leader and the sponsor, which a team read against a workflow must.
        let yaml = "team:\n  - { id: a, name: A, roles: [leader, sponsor, deman] }\n"
        expectSingle(
            teamDiagnostics(yaml, workflow: teamWorkflow),
            BrokenFile(
                name: "", yaml: yaml, prefix: "t.yaml:2:48: error:",
                phrase: "unknown role 'deman' for participant 'a' (did you mean 'demand'? roles in workflow 'w' are: leader, sponsor, demand)"))
        // Without a workflow any well-formed role id is accepted: the file may serve several workflows.
        #expect(teamDiagnostics(yaml).isEmpty)
    }

    @Test func readsParticipantsWithOptionalFields() throws {
        let team = try WorkflowFileReader.team(
            yaml: "team:\n  - { id: a, name: Ann, roles: [leader, demand], login: ann, email: ann@example.com }\n"
                + "  - id: b\n    name: Bo\n    roles: [sponsor]\n",
            file: "t.yaml", workflow: teamWorkflow)
        #expect(
            team.participants == [
                Participant(id: "a", name: "Ann", roles: ["leader", "demand"], login: "ann", email: "ann@example.com"),
                Participant(id: "b", name: "Bo", roles: ["sponsor"]),
            ])
    }

    @Test func allTeamProblemsAreReported() {
        let yaml = """
            team:
              - { id: a, name: A, roles: [] }
              - { id: a, roles: [leader] }
              - { id: c, name: C, roles: [leader], shoe: 42 }

            """
        let positions = teamDiagnostics(yaml).map { "\($0.line):\($0.column)" }
        #expect(positions == ["2:30", "3:5", "4:40"])
    }
}
