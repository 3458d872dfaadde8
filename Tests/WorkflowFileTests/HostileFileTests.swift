import Foundation
import SOPCore
import Testing
import WorkflowFile

/// Regression tests for what fuzzing found: files built to hurt the reader get one clear diagnostic,
/// quickly, and ordinary YAML features keep working.
@Suite("Hostile workflow files")
struct HostileFileTests {
    /// Far more than any of these needs; a regression to exponential time blows through it.
    static let quick = Duration.seconds(5)

    static func timed(_ read: () -> [FileDiagnostic]) -> (diagnostics: [FileDiagnostic], time: Duration) {
        var diagnostics: [FileDiagnostic] = []
        let time = ContinuousClock().measure { diagnostics = read() }
        return (diagnostics, time)
    }

    /// Ten lines whose last alias stands for 10^9 values, used as a mapping key: Yams' duplicate-key
    /// check hashed the whole expansion, and `sop workflow check` never returned. The alias in the key is
    /// refused before Yams composes anything (it used to be refused by counting the definitions' values,
    /// at line 5: that count now needs the composed document, which this file must never reach).
    @Test func anAliasBombUsedAsAKeyIsRefusedQuickly() {
        let yaml = WorkflowMutator.laughsAsKeys(levels: 10)
        let (diagnostics, time) = Self.timed { workflowDiagnostics(yaml) }
        #expect(time < Self.quick)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("the alias `*l9` is used in a mapping key") == true, "\(diagnostics)")
        #expect(diagnostics.first.map { [$0.line, $0.column] } == [11, 3])
    }

    @Test func anAliasBombAsAValueIsRefusedToo() {
        let yaml = header + stageA + "bomb: " + WorkflowMutator.laughs(levels: 9, width: 10) + "\n"
        let (diagnostics, time) = Self.timed { workflowDiagnostics(yaml) }
        #expect(time < Self.quick)
        #expect(diagnostics.map(\.line) == [10])
        #expect(diagnostics.first?.message.contains("aliases expand") == true)
    }

    /// Anchors and aliases are ordinary YAML: one ladder shared by several stages still reads.
    @Test func aliasesWithinReasonStillWork() throws {
        let yaml = """
            workflow: w
            roles: { leader: Leader, sponsor: Sponsor, demand: Demand planner }
            stages:
              - id: a
                owner: demand
                signoffs: &signers [demand]
                escalation: &ladder
                  - { after: 1, notify: [owner] }
                  - { after: 3, notify: [leader] }
              - id: b
                owner: demand
                after: [a]
                signoffs: *signers
                escalation: *ladder

            """
        let workflow = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(workflow.stages.map(\.signoffs) == [["demand"], ["demand"]])
        #expect(workflow.stages[1].escalation == workflow.stages[0].escalation)
        #expect(workflow.stages[1].escalation.map(\.after) == [1, 3])
    }

    /// libyaml stops at 1,000 levels; its message named a C function.
    @Test func deepNestingIsExplainedInTheFilesTerms() {
        let yaml = "workflow: " + String(repeating: "[", count: 100_000) + "\n"
        let diagnostics = workflowDiagnostics(yaml)
        #expect(diagnostics.map(\.description) == [
            "w.yaml:1:12: error: the file nests lists and mappings more than 1000 levels deep "
                + "(a workflow needs a few: close the `[` and `{` opened here)",
        ])
    }

    /// libyaml puts a problem at the very end of a file without a final line break on the line after
    /// the last, which does not exist in an editor.
    @Test func aProblemAtTheEndPointsAtTheLastLine() {
        let yaml = "workflow: w\nroles: [leader, sponsor"
        #expect(workflowDiagnostics(yaml).first.map { [$0.line, $0.column] } == [2, 24])
    }

    /// The same for a node: an empty document after `---` is a null libyaml places past the last line.
    @Test func anEmptyDocumentAtTheEndPointsAtTheLastLine() {
        let yaml = "# a team\n---\n# only a comment"
        #expect(workflowDiagnostics(yaml).map { [$0.line, $0.column] } == [[3, 17]])
        #expect(teamDiagnostics(yaml).map { [$0.line, $0.column] } == [[3, 17]])
    }

    /// A quoted value can hold line breaks and escape sequences; quoted back in a message they would
    /// split the `FILE:LINE:COL: error:` line or drive the terminal.
    @Test func controlCharactersInQuotedValuesAreEscapedInMessages() {
        let yaml = header + stageA + "\"bad\\nkey\\e[2J\\u202E\": 1\n"
        let diagnostics = workflowDiagnostics(yaml)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description.hasPrefix(#"w.yaml:10:1: error: unknown key 'bad\nkey\u{1B}[2J\u{202E}'"#) == true,
            "\(diagnostics)")
    }

    /// A raw control character is libyaml's to refuse; the position is counted the way libyaml counts
    /// lines, so a Windows (CRLF) file points at the right line.
    @Test func aControlCharacterInACRLFFileIsFoundOnItsLine() {
        let yaml = "workflow: w\r\ntitle: x\r\nroles: \u{7}\r\n"
        #expect(workflowDiagnostics(yaml).first.map { [$0.line, $0.column] } == [3, 8])
    }

    /// libyaml counts U+2028 (and NEL, and a lone CR) as a line break; finding the repeat of a
    /// duplicate key by splitting at "\n" alone put it a line too early.
    @Test func aRepeatedKeyAfterAnUnusualLineBreakIsOnItsLine() {
        let yaml = "workflow: w\ntitle: \"a\u{2028}b\"\ntitle: again\n"
        #expect(workflowDiagnostics(yaml).first.map { [$0.line, $0.column] } == [4, 1])
        #expect(workflowDiagnostics(yaml).first?.message.contains("duplicate key 'title'") == true)
    }

    /// "Did you mean" compared a megabyte-long value with every candidate in a megabyte-sized table.
    @Test func aHugeUnknownValueIsReportedQuickly() throws {
        let owner = String(repeating: "x", count: 1_000_000)
        let yaml = header + "  - id: a\n    owner: \(owner)\n    signoffs: [demand]\n"
        let (diagnostics, time) = Self.timed { workflowDiagnostics(yaml) }
        #expect(time < Self.quick)
        #expect(diagnostics.map(\.line) == [8])
        #expect(diagnostics.first?.message.hasPrefix("unknown role 'xxx") == true)
    }
}
