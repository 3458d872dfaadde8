import Foundation
import Testing

/// Files saved on Windows (CRLF line ends) read exactly like the same files with LF.
@Suite struct FilesWithCRLFLineEndsReadLikeLF {
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }

    static let workflow = """
        workflow: small
        title: Small S&OP
        roles:
          leader: Leader
          sponsor: Sponsor
          demand: Demand planner
        stages:
          - id: demand
            owner: demand
            inputs:
              - id: forecast
                format: csv
                columns: [family, quantity]
              - id: notes
                format: text
            signoffs: [demand]

        """

    static let team = """
        team:
          - { id: maria, name: Maria Lopez, roles: [leader, sponsor] }
          - id: dan
            name: Dan Brooks
            roles: [demand]

        """

    @Test func aCRLFPlaybookWorkflowTeamAndCSVRunToTheEnd() throws {
        let box = try Sandbox()
        let w = try box.write("w.yaml", Self.crlf(Self.workflow))
        let t = try box.write("t.yaml", Self.crlf(Self.team))
        try box.write("forecast.csv", Self.crlf("family,quantity\nwidgets,120\n"))
        try box.write("notes.txt", Self.crlf("line one\nline two\n"))
        let check = try box.run(["workflow", "check", w, t])
        #expect(check.code == 0, "\(check)")
        #expect(check.out.contains("workflow small, 1 stage, 3 roles, 2 inputs"), "\(check)")
        #expect(check.out.contains("team of 2 participants holding 3 roles"), "\(check)")
        try box.ok(["init", "--workflow", w, "--team", t])
        let playbook = try box.write("crlf.sop", Self.crlf("""
            # written on Windows
            as maria
            cycle open 2026-11
            expect demand open
            as dan
            submit demand forecast forecast.csv
            submit demand notes notes.txt
            expect demand review
            signoff demand
            expect demand done

            """))
        let result = try box.run(["play", playbook])
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        #expect(result.outLines.last == "\(playbook): 6 commands, 3 checks passed", "\(result)")
        let team = try box.ok(["--json", "team"])
        let people = try #require(try team.json() as? [[String: Any]])
        #expect(people.compactMap { $0["name"] as? String } == ["Maria Lopez", "Dan Brooks"], "no \\r kept in values")
    }

    @Test func aCRLFWorkflowProblemIsReportedOnItsLine() throws {
        let box = try Sandbox()
        let broken = Self.workflow.replacingOccurrences(of: "owner: demand", with: "owner: demnd")
        let w = try box.write("w.yaml", Self.crlf(broken))
        let result = try box.run(["workflow", "check", w])
        #expect(result.code == 1)
        #expect(result.errLines.first?.hasPrefix("\(w):9:12: error: unknown role 'demnd'") == true, "\(result)")
    }
}
