import SOPCore
import Testing
import WorkflowFile

/// The team file's `identity:` key: `declared` (the default) or `os`, which needs a login for everyone.
let identityCases: [BrokenFile] = [
    BrokenFile(
        name: "unknown identity value",
        yaml: "identity: osx\nteam:\n  - { id: a, name: A, roles: [leader], login: a }\n",
        prefix: "t.yaml:1:11: error:", phrase: "unknown identity 'osx' (did you mean 'os'? it is one of: declared, os"),
    BrokenFile(
        name: "identity given as a list",
        yaml: "identity: [os]\nteam:\n  - { id: a, name: A, roles: [leader], login: a }\n",
        prefix: "t.yaml:1:11: error:", phrase: "identity must be a single value, not a list"),
    BrokenFile(
        name: "identity left empty",
        yaml: "identity:\nteam:\n  - { id: a, name: A, roles: [leader], login: a }\n",
        prefix: "t.yaml:1:10: error:", phrase: "identity is empty"),
    BrokenFile(
        name: "os without a login",
        yaml: "identity: os\nteam:\n  - { id: a, name: A, roles: [leader], login: a }\n  - { id: b, name: B, roles: [leader] }\n",
        prefix: "t.yaml:4:5: error:", phrase: "participant 'b' has no login, which `identity: os` needs"),
    BrokenFile(
        name: "os with a shared login",
        yaml: "identity: os\nteam:\n  - { id: a, name: A, roles: [leader], login: x }\n  - { id: b, name: B, roles: [leader], login: x }\n",
        prefix: "t.yaml:4:47: error:", phrase: "duplicate login 'x' (participant 'a' at line 3 already has it"),
    BrokenFile(
        name: "a misspelt identity key",
        yaml: "identiy: os\nteam:\n  - { id: a, name: A, roles: [leader], login: a }\n",
        prefix: "t.yaml:1:1: error:", phrase: "unknown key 'identiy' in the team file (did you mean 'identity'?"),
]

@Suite("Team identity key")
struct IdentityKeyTests {
    @Test(arguments: identityCases)
    func rule(_ broken: BrokenFile) {
        expectSingle(teamDiagnostics(broken.yaml), broken)
    }

    @Test func withoutTheKeyATeamIsDeclared() throws {
        let team = try WorkflowFileReader.team(yaml: "team:\n  - { id: a, name: A, roles: [leader] }\n", file: "t.yaml", workflow: nil)
        #expect(team.identity == .declared)
    }

    @Test(arguments: [("os", IdentityMode.os), ("declared", .declared)])
    func theKeyIsRead(_ written: String, _ mode: IdentityMode) throws {
        // The key may come before or after `team:`.
        for yaml in [
            "identity: \(written)\nteam:\n  - { id: a, name: A, roles: [leader, sponsor], login: a }\n",
            "team:\n  - { id: a, name: A, roles: [leader, sponsor], login: a }\nidentity: \(written)\n",
        ] {
            #expect(try WorkflowFileReader.team(yaml: yaml, file: "t.yaml", workflow: teamWorkflow).identity == mode)
        }
    }

    @Test func declaredNeedsNoLogins() {
        #expect(teamDiagnostics("identity: declared\nteam:\n  - { id: a, name: A, roles: [leader] }\n").isEmpty)
    }

    @Test func everyParticipantWithoutALoginIsReported() {
        let yaml = "identity: os\nteam:\n  - { id: a, name: A, roles: [leader] }\n  - { id: b, name: B, roles: [demand] }\n"
        #expect(teamDiagnostics(yaml).map { "\($0.line):\($0.column)" } == ["3:5", "4:5"])
    }

    @Test func checkReadsTheKeyToo() throws {
        guard case .team(let team) = try WorkflowFileReader.check(
            yaml: "identity: os\nteam:\n  - { id: a, name: A, roles: [leader], login: a }\n", file: "t.yaml")
        else {
            Issue.record("read as a workflow")
            return
        }
        #expect(team.identity == .os)
    }

    @Test func theBundledTeamIsDeclaredAndTheExampleIsOS() throws {
        #expect(try WorkflowFileReader.team(yaml: bundled("team.yaml"), file: "team.yaml", workflow: nil).identity == .declared)
        let example = try WorkflowFileReader.team(yaml: bundled("team-os-identity.yaml"), file: "team-os-identity.yaml", workflow: nil)
        #expect(example.identity == .os)
        #expect(example.participants.allSatisfy { $0.login != nil })
        let bundledTeam = try WorkflowFileReader.team(yaml: bundled("team.yaml"), file: "team.yaml", workflow: nil)
        #expect(example.participants == bundledTeam.participants, "the same people, only the identity setting differs")
    }
}
