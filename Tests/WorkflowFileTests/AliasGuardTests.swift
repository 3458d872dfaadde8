import SOPCore
import Testing
@testable import WorkflowFile

/// A file whose `*alias` sits in a mapping key, written every way YAML allows: the alias, the text
/// between them and the position the refusal must point at.
struct AliasKey: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var at: [Int]

    var testDescription: String { name }
}

/// Text that only looks like an alias in a key, and the title it must read as.
struct AliasLookalike: Sendable, CustomTestStringConvertible {
    var name: String
    var title: String
    var reads: String

    var testDescription: String { name }
}

/// A workflow with this `title:` text (written as is, so it may be any YAML node) and one stage.
func workflow(title: String) -> String {
    """
    workflow: w
    title: \(title)
    roles: { leader: Leader, sponsor: Sponsor, demand: Demand planner }
    stages:
      - id: a
        owner: demand
        signoffs: [demand]

    """
}

@Suite("An alias used in a mapping key is refused before Yams reads the file")
struct AliasInKeyTests {
    static let keys: [AliasKey] = [
        AliasKey(name: "block key", yaml: "x: &a v\n*a : 1\n", at: [2, 1]),
        AliasKey(name: "block key without a space", yaml: "x: &a v\n*a: 1\n", at: [2, 1]),
        AliasKey(name: "key of a nested block mapping", yaml: "x: &a v\ny:\n  k: 1\n  *a: 2\n", at: [4, 3]),
        AliasKey(name: "key in a list item", yaml: "x: &a v\ny:\n  - *a: 1\n", at: [3, 5]),
        AliasKey(name: "flow key", yaml: "x: &a v\ny: {*a: 1}\n", at: [2, 5]),
        AliasKey(name: "flow key without a value", yaml: "x: &a v\ny: {*a}\n", at: [2, 5]),
        AliasKey(name: "second flow key", yaml: "x: &a v\ny: {k: v, *a}\n", at: [2, 11]),
        AliasKey(name: "pair in a flow list", yaml: "x: &a v\ny: [k, *a: 1]\n", at: [2, 8]),
        AliasKey(name: "explicit key", yaml: "x: &a v\n? *a\n: 1\n", at: [2, 3]),
        AliasKey(name: "explicit flow key", yaml: "x: &a v\ny: {? *a : 1}\n", at: [2, 7]),
        AliasKey(name: "list used as a key", yaml: "x: &a v\n? [k, *a]\n: 1\n", at: [2, 7]),
        AliasKey(name: "flow list as a one-line key", yaml: "x: &a v\n[*a]: 1\n", at: [2, 2]),
        AliasKey(name: "mapping used as a key", yaml: "x: &a v\n? {k: *a}\n: 1\n", at: [2, 7]),
        AliasKey(name: "flow mapping as a flow key", yaml: "x: &a v\ny: {{k: *a}: 1}\n", at: [2, 9]),
        AliasKey(name: "block list under an explicit key", yaml: "x: &a v\n?\n  - k\n  - *a\n: 1\n", at: [4, 5]),
        AliasKey(name: "block mapping under an explicit key", yaml: "x: &a v\n? k: *a\n: 1\n", at: [2, 6]),
        AliasKey(name: "key after a multi-line value", yaml: "x: &a v\ny: one\n  two\n*a: 1\n", at: [4, 1]),
        AliasKey(name: "key after a block scalar", yaml: "x: &a v\ny: |\n  text\n*a: 1\n", at: [4, 1]),
        AliasKey(name: "key after a quoted value over two lines", yaml: "x: &a v\ny: 'one\n  two'\n*a: 1\n", at: [4, 1]),
        AliasKey(name: "CRLF line breaks", yaml: "x: &a v\r\ny: 1\r\n*a: 1\r\n", at: [3, 1]),
    ]

    @Test(arguments: keys)
    func theAliasIsFoundInTheKey(_ key: AliasKey) {
        let found = AliasExpansion.aliases(in: key.yaml).filter(\.inKey)
        #expect(found.map { [$0.position.line, $0.position.column] } == [key.at], "\(found)")
        #expect(found.first?.name == "a")
    }

    @Test(arguments: keys)
    func theFileIsRefusedThere(_ key: AliasKey) {
        let diagnostics = workflowDiagnostics(key.yaml)
        #expect(diagnostics.map(\.description) == [
            "w.yaml:\(key.at[0]):\(key.at[1]): error: the alias `*a` is used in a mapping key (YAML would expand "
                + "it to compare the keys, and a few lines of aliases can stand for billions of values: "
                + "write the key out, and use `*a` only as a value)",
        ])
    }

    /// The same check guards team files: they go through the same reader.
    @Test func aTeamFileIsRefusedToo() {
        let diagnostics = teamDiagnostics("team: t\nx: &a v\n{*a: 1}: 2\n")
        #expect(diagnostics.map { [$0.line, $0.column] } == [[3, 2]])
        #expect(diagnostics.first?.message.hasPrefix("the alias `*a` is used in a mapping key") == true)
    }

    /// Aliases as values stay ordinary YAML, in blocks and in flow, next to keys written out.
    @Test func aliasesAsValuesAreNotKeys() {
        let yaml = """
            x: &a v
            y: *a
            z: [*a, {k: *a}, [*a]]
            ? k
            : *a
            w: {k: *a, ? j : *a}

            """
        let aliases = AliasExpansion.aliases(in: yaml)
        #expect(aliases.count == 7)
        #expect(aliases.filter(\.inKey).isEmpty, "\(aliases)")
    }

    static let lookalikes: [AliasLookalike] = [
        AliasLookalike(name: "single-quoted", title: "'*a: 1'", reads: "*a: 1"),
        AliasLookalike(name: "single-quoted with a quote", title: "'it''s *a: 1'", reads: "it's *a: 1"),
        AliasLookalike(name: "double-quoted", title: #""\"*a: 1\" ? *b""#, reads: "\"*a: 1\" ? *b"),
        AliasLookalike(name: "double-quoted over lines", title: "\"one\n  *a: 1\"", reads: "one *a: 1"),
        AliasLookalike(name: "comment", title: "plain # *a: 1", reads: "plain"),
        AliasLookalike(name: "comment on its own line", title: "plain\n# *a: 1\n# ? *a", reads: "plain"),
        AliasLookalike(name: "plain text with stars", title: "a*b *c", reads: "a*b *c"),
        AliasLookalike(name: "plain text over lines", title: "one\n  *a two", reads: "one *a two"),
        AliasLookalike(name: "literal block", title: "|\n  *a: 1\n  ? *a\n  {*a: 1}", reads: "*a: 1\n? *a\n{*a: 1}\n"),
        AliasLookalike(name: "folded block", title: ">-\n  *a: 1\n  [*a]: 2", reads: "*a: 1 [*a]: 2"),
        AliasLookalike(name: "block with an indentation indicator", title: "|2\n    *a: 1", reads: "  *a: 1\n"),
        AliasLookalike(name: "block with blank lines", title: "|\n\n  *a: 1\n\n  *b: 2", reads: "\n*a: 1\n\n*b: 2\n"),
    ]

    @Test(arguments: lookalikes)
    func textThatLooksLikeAnAliasIsNotRefused(_ lookalike: AliasLookalike) throws {
        let yaml = workflow(title: lookalike.title)
        #expect(AliasExpansion.aliases(in: yaml).isEmpty)
        let read = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(read.title == lookalike.reads)
    }

    /// The shape of a real workflow that shares a ladder and a list of signers between stages.
    @Test func aRealWorkflowSharingValuesIsAccepted() throws {
        let yaml = """
            workflow: w
            roles: { leader: Leader, sponsor: Sponsor, demand: Demand planner }
            stages:
              - id: a
                owner: &owner demand
                signoffs: &signers [demand, leader]
                escalation: &ladder
                  - { after: 1, notify: [owner] }
                  - { after: 3, notify: [leader] }
              - id: b
                owner: *owner
                after: [a]
                signoffs: *signers
                escalation: *ladder

            """
        #expect(AliasExpansion.aliases(in: yaml).map(\.inKey) == [false, false, false])
        let read = try WorkflowFileReader.workflow(yaml: yaml, file: "w.yaml")
        #expect(read.stages.map(\.owner) == ["demand", "demand"])
        #expect(read.stages.map(\.signoffs) == [["demand", "leader"], ["demand", "leader"]])
        #expect(read.stages.map { $0.escalation.map(\.after) } == [[1, 3], [1, 3]])
    }
}

@Suite("Aliases used as values are counted expanded, and refused past the limit")
struct AliasExpansionLimitTests {
    /// A file of `1004 + 1000 × copies + extra` values once expanded: the root mapping, two keys, an
    /// anchored list of 1,000 values (itself and 999 items), the list of copies, and `extra` more items.
    static func shared(copies: Int, extra: Int) -> String {
        let items = Array(repeating: "x", count: 999).joined(separator: ", ")
        let uses = Array(repeating: "*b", count: copies) + Array(repeating: "y", count: extra)
        return "bomb: &b [\(items)]\nmore: [\(uses.joined(separator: ", "))]\n"
    }

    /// Column (1-based) of the `occurrence`-th `text` on a line.
    static func column(of text: String, occurrence: Int, in line: String) -> Int {
        var rest = Substring(line)
        var offset = 0
        for _ in 1..<occurrence {
            guard let found = rest.range(of: text) else { return 0 }
            offset += rest.distance(from: rest.startIndex, to: found.upperBound)
            rest = rest[found.upperBound...]
        }
        guard let found = rest.range(of: text) else { return 0 }
        return offset + rest.distance(from: rest.startIndex, to: found.lowerBound) + 1
    }

    @Test func exactlyTheLimitIsAccepted() {
        let diagnostics = workflowDiagnostics(Self.shared(copies: 98, extra: 996))
        #expect(!diagnostics.isEmpty)  // not a workflow: but not refused for its aliases
        #expect(!diagnostics.contains { $0.message.contains("aliases expand") }, "\(diagnostics)")
    }

    @Test func oneValueMoreIsRefusedAtThatValue() {
        let yaml = Self.shared(copies: 98, extra: 997)
        let line = String(yaml.split(separator: "\n")[1])
        let diagnostics = workflowDiagnostics(yaml)
        #expect(diagnostics.map { [$0.line, $0.column] } == [[2, line.count - 1]], "\(diagnostics)")
        #expect(diagnostics.first?.message.hasPrefix("the file's aliases expand to more than 100000 values") == true)
    }

    /// The 99th copy of the list passes the limit: the message points at that alias, not at the anchor.
    @Test func anExcessInsideACopyIsReportedAtItsAlias() {
        let yaml = Self.shared(copies: 99, extra: 0)
        let line = String(yaml.split(separator: "\n")[1])
        let diagnostics = workflowDiagnostics(yaml)
        #expect(diagnostics.map { [$0.line, $0.column] } == [[2, Self.column(of: "*b", occurrence: 99, in: line)]])
    }

    /// Mappings of ten aliases of the mapping before: the definitions alone pass the limit, inside the
    /// fourth `*l3` of `l4` (each copy of `l3` is 22,221 values; 91,358 are counted before it).
    @Test func aNestedMappingBombIsRefusedAtTheLimit() {
        var lines = ["l0: &l0 {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x, i: x, j: x}"]
        for level in 1..<10 {
            let pairs = "abcdefghij".map { "\($0): *l\(level - 1)" }.joined(separator: ", ")
            lines.append("l\(level): &l\(level) {\(pairs)}")
        }
        lines.append("stages: *l9")
        let diagnostics = workflowDiagnostics(lines.joined(separator: "\n") + "\n")
        #expect(diagnostics.map { [$0.line, $0.column] } == [[5, Self.column(of: "*l3", occurrence: 4, in: lines[4])]])
        #expect(diagnostics.first?.message.contains("aliases expand to more than 100000 values") == true)
    }

    /// 10^30 values: counting them all would never end, and their sizes overflow an Int. The walk stops
    /// at the limit, so this returns.
    @Test func aBombFarPastAnyIntReturns() {
        let diagnostics = workflowDiagnostics("bomb: " + WorkflowMutator.laughs(levels: 30, width: 10) + "\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("aliases expand to more than 100000 values") == true)
    }

    /// Nested lists of a single alias: each level deeper than the one before, so the expanded document
    /// nests as deep as the limit (a recursive walk would overflow the stack).
    @Test func aBombThatNestsDeepReturns() {
        var lines = ["l0: &l0 [" + String(repeating: "[", count: 500) + "x" + String(repeating: "]", count: 500) + "]"]
        for level in 1..<60 {
            lines.append("l\(level): &l\(level) [" + String(repeating: "[", count: 500) + "*l\(level - 1)"
                + String(repeating: "]", count: 500) + "]")
        }
        let diagnostics = workflowDiagnostics(lines.joined(separator: "\n") + "\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("aliases expand to more than 100000 values") == true, "\(diagnostics.prefix(1))")
    }
}
