import Foundation
import Testing
@testable import WorkflowFile

/// The alias guard reads the text with its own scanner, so that scanner must find every alias where
/// libyaml does: in a key or not, and none inside quotes, comments or block scalars. Small random files
/// built from the YAML features that move those boundaries are read by both, and must agree on every
/// one Yams can read (`AliasCrossCheck`); their only anchor is one value, so composing is safe.
@Suite("The alias scanner agrees with libyaml on random YAML")
struct AliasScannerAgreementTests {
    static let indents = ["", "", "  ", "    ", " ", "\t"]
    static let prefixes = ["", "", "- ", "? ", ": ", "- - ", "-\t"]
    static let keys = [
        "", "k: ", "k:", "*a: ", "*a : ", "&b k: ", "'*a': ", "\"*a\": ", "[*a]: ", "{k: *a}: ", "? ", "? *a ",
        "k # *a: ", "!!str k: ", "\"k\":",
    ]
    static let values = [
        "", "v", "*a", "&a v", "&a [x, *a]", "{k: *a}", "{*a}", "[*a, *a]", "[*a: 1]", "{? *a : 1}", "|", "|2", ">-",
        "|+", "'*a: 1'", "'it''s *a'", "\"x\\\" *a: 1\"", "\"\\\n*a: 1\"", "v # *a: 1", "*a # c", "'multi",
        "line'", "\"open", "close\"", "*a: *a", "? *a", "a*b *c", "[", "]", "{", "}", ",", ": *a", "*a,", "- *a",
        "! *a", "!t *a", "&b", "&b *a", "&a", "%", "---", "...", "# ? *a", "*a\t:", ":*a", "? [*a",
    ]

    static func randomFile(_ random: inout SeededGenerator) -> String {
        var lines = ["a0: &a v"]
        for _ in 0..<Int.random(in: 1...7, using: &random) {
            var line = indents.randomElement(using: &random) ?? ""
            for _ in 0..<Int.random(in: 0...2, using: &random) { line += prefixes.randomElement(using: &random) ?? "" }
            line += keys.randomElement(using: &random) ?? ""
            line += values.randomElement(using: &random) ?? ""
            lines.append(line)
        }
        return lines.joined(separator: Int.random(in: 0..<10, using: &random) == 0 ? "\r\n" : "\n") + "\n"
    }

    @Test func randomFilesAgree() {
        var random = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["SOP_ALIAS_SEED"] ?? "") ?? 20_261_202)
        var disagreements: [String] = []
        var compared = 0
        var keyAliases = 0
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["SOP_ALIAS_FILES"] ?? "") ?? 50_000) {
            let yaml = Self.randomFile(&random)
            switch AliasCrossCheck.compare(yaml, alsoRefused: true) {
            case .notCompared: break
            case .agreed(let inKeys):
                compared += 1
                if inKeys > 0 { keyAliases += 1 }
            case .disagreed(let what): disagreements.append("\(yaml.debugDescription): \(what)")
            }
        }
        // Only files Yams can read are compared: enough of them must be, with aliases in keys and not.
        print("alias scanner agreement: \(compared) files compared, \(keyAliases) of them with an alias in a key")
        #expect(compared > 1_000)
        #expect(keyAliases > 200)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(5))")
    }
}
