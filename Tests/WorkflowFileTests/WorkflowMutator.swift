/// Seeded mutations of workflow and team files, for the fuzz tests: the same seed gives the same
/// mutants on every machine, so a failure found in CI is reproduced by re-running with its seed.

/// SplitMix64: tiny, fast and fully determined by its seed (SystemRandomNumberGenerator is not seedable).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Applies random edits to the text of a file: the kinds of damage a person, an editor or a hostile
/// author can do to a YAML file.
struct WorkflowMutator {
    var random: SeededGenerator
    /// Lines of every bundled file, spliced into others so that real but misplaced content appears.
    let donorLines: [String]

    /// Every key the readers know, in any file: a mutant with a real key in the wrong place tests the
    /// "unknown key" and "wrong shape" paths far more than random words would.
    static let keys = [
        "workflow", "title", "calendar", "workdays", "holidays", "roles", "stages", "deciders", "agenda",
        "constraints", "signoff-escalation", "action-escalation", "notify", "command", "timeout", "id", "owner",
        "after", "due", "contributors", "inputs", "signoffs", "escalation", "requires", "format", "columns", "team",
        "name", "login", "email", "identity", "leader", "sponsor", "demand", "csv", "decisions", "mon",
    ]

    /// Values chosen to break readers: numbers at and past Int64's limits, YAML's special words and
    /// indicators, tags, anchors and aliases, unicode that is wide, combining, right-to-left or invisible,
    /// control characters (escaped in quotes, and raw: libyaml must refuse those), very long and deeply
    /// nested values, and alias bombs.
    static let hostileValues: [String] = {
        var values = [
            "0", "-1", "1", "23", "24", "60", "61", "300", "301", "99999999999999999999999999",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "1e308", "-1e309", ".inf", "-.inf", ".nan", "0x7fffffffffffffff", "0o777", "1_000", "+1", "007",
            "~", "null", "Null", "true", "no", "yes", "off", "''", "\"\"", "' '", "[]", "{}", "[[]]", "{{}}",
            "[", "]", "{", "}", "[a,", "{a: ", "- x", "-", ":", "::", "? x", "?", "#", "# comment", "|", ">-",
            "|\n  block\n  text", "%YAML 1.1", "---", "...", "&a", "&a x", "*a", "*undefined", "&a [*a]",
            "!!str", "!!int x", "!!float abc", "!!binary AAAA", "!!map", "!!seq", "!!set {a, b}", "!!omap [a: 1]",
            "!<tag:example.com,2000:x> y", "!local x", "<<: *a", "<<", "@x", "`x`", "%", "\"\\0\"",
            "\"\\x1b[31mred\\x1b[0m\"", "\"a\\nb\"", "\"a\\rb\"", "\"\\t\"", "\"\\u202Eevil\"", "\"\\uFEFFbom\"",
            "\"\\U0001F600\"", "\"\\x7f\"", "\"\\N\\L\\P\"", "'it''s'", "\"unterminated", "'unterminated",
            "é", "ｆｕｌｌ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "👩‍👩‍👧‍👦", "مرحبا", "שלום", "a\u{301}\u{302}\u{303}", "\u{202E}gnp.exe",
            "\u{200B}", "\u{FEFF}", "\u{2028}", "\u{85}", "\u{0}", "\u{1}", "\u{7}", "\u{1B}[2J", "\u{7F}",
            "\t", "\r", "a\rb", "\u{D7FF}", "\u{FFFD}", "\u{10FFFF}", "2026-02-30", "2026-13-01", "0000-00-00",
            "9999-12-31", "demand-review", "leader", "owner", "signers", "Leader", "data-gathering", "os", "declared",
            "[leader, leader]", "[owner]", "{ after: 1, notify: [owner] }", "{ after: demand-review, workdays: 3 }",
            "{ after: pre-sop, workdays: 61 }", "[decisions, decisions]", "{ id: x }", "[{ id: x }, { id: x }]",
        ]
        values.append(String(repeating: "x", count: 100_000))
        values.append("\"" + String(repeating: "é", count: 20_000) + "\"")
        values.append(String(repeating: "[", count: 900) + String(repeating: "]", count: 900))
        values.append(String(repeating: "[", count: 1_100) + String(repeating: "]", count: 1_100))
        values.append(String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300))
        values.append(String(repeating: "[", count: 5_000))
        values.append("[" + Array(repeating: "x", count: 5_000).joined(separator: ", ") + "]")
        values.append(laughs(levels: 9, width: 10))
        values.append(laughs(levels: 5, width: 10))
        values.append("{ " + laughs(levels: 8, width: 10) + ": 1 }")
        return values
    }()

    /// "Billion laughs" on one line: each anchor is a list of `width` aliases of the one before, so the
    /// last one stands for width^levels values.
    static func laughs(levels: Int, width: Int) -> String {
        var items = ["&l0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            items.append("&l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// The same bomb as a block at the top of a file, with an alias of the largest anchor as a mapping key
    /// (the form that made Yams' duplicate-key check take exponential time).
    static func laughsAsKeys(levels: Int) -> String {
        var lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<levels {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("? *l\(levels - 1)\n: x")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mutant `number` of a run: its own generator, so it is replayed from the seed and its number alone.
    init(seed: UInt64, number: Int, donorLines: [String]) {
        var mixer = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: number) &* 0x2545_F491_4F6C_DD1D))
        random = SeededGenerator(seed: mixer.next())
        self.donorLines = donorLines
    }

    static func donorLines(_ texts: [String]) -> [String] {
        texts.flatMap { $0.split(separator: "\n").map(String.init) }
    }

    /// One to three random edits of `text`; the names of the edits come back for the failure message.
    mutating func mutate(_ text: String) -> (text: String, edits: [String]) {
        var text = text
        var edits: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let edit = Edit.allCases.randomElement(using: &random) ?? .flipByte
            text = apply(edit, to: text)
            edits.append("\(edit)")
        }
        return (text, edits)
    }

    enum Edit: CaseIterable {
        case flipByte, deleteLine, duplicateLine, swapLines, indent, replaceValue, replaceKey, insertLine,
            insertBomb, truncate, insertToken, spliceLine, crlf
    }

    private mutating func apply(_ edit: Edit, to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = Int.random(in: 0..<max(1, lines.count), using: &random)
        if lines.isEmpty { lines = [""] }
        switch edit {
        case .flipByte:
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { return text }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            // Mostly a bit flip (a typo or a damaged disk), sometimes any byte at all.
            if Bool.random(using: &random) {
                bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
            } else {
                bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
            // Invalid UTF-8 is repaired with U+FFFD, as a String read from a file must be valid.
            return String(decoding: bytes, as: UTF8.self)
        case .deleteLine:
            lines.remove(at: index)
        case .duplicateLine:
            lines.insert(lines[index], at: index)
        case .swapLines:
            lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
        case .indent:
            let line = lines[index]
            let shifts = ["", " ", "  ", "    ", "\t", "        "]
            if Bool.random(using: &random) {
                lines[index] = (shifts.randomElement(using: &random) ?? " ") + line
            } else {
                lines[index] = String(repeating: " ", count: Int.random(in: 0...12, using: &random)) + line.drop { $0 == " " }
            }
        case .replaceValue:
            // The value after the first `: ` (or a list entry's `- `), else the whole line.
            let line = lines[index]
            let value = hostileValue()
            if let colon = line.range(of: ": ") {
                lines[index] = String(line[..<colon.upperBound]) + value
            } else if let dash = line.range(of: "- ") {
                lines[index] = String(line[..<dash.upperBound]) + value
            } else {
                lines[index] = value
            }
        case .replaceKey:
            let line = lines[index]
            let indent = String(line.prefix { $0 == " " || $0 == "-" })
            let key = Self.keys.randomElement(using: &random) ?? "id"
            if let colon = line.range(of: ":") {
                lines[index] = indent + key + String(line[colon.lowerBound...])
            } else {
                lines[index] = indent + key + ": " + hostileValue()
            }
        case .insertLine:
            let indent = String(repeating: " ", count: 2 * Int.random(in: 0...4, using: &random))
            let key = Bool.random(using: &random) ? (Self.keys.randomElement(using: &random) ?? "id") : hostileValue()
            lines.insert(indent + key + ": " + hostileValue(), at: index)
        case .insertBomb:
            let bomb =
                Bool.random(using: &random)
                ? Self.laughsAsKeys(levels: Int.random(in: 4...12, using: &random))
                : "bomb: " + Self.laughs(levels: Int.random(in: 4...12, using: &random), width: 10)
            lines.insert(bomb, at: Bool.random(using: &random) ? 0 : index)
        case .truncate:
            let characters = Array(text)
            return String(characters.prefix(Int.random(in: 0...characters.count, using: &random)))
        case .insertToken:
            let characters = Array(text)
            let at = Int.random(in: 0...characters.count, using: &random)
            return String(characters[..<at]) + hostileValue() + String(characters[at...])
        case .spliceLine:
            lines[index] = donorLines.randomElement(using: &random) ?? ""
        case .crlf:
            // Windows line ends, or old Mac ones, for the whole file.
            return lines.joined(separator: Bool.random(using: &random) ? "\r\n" : "\r")
        }
        return lines.joined(separator: "\n")
    }

    private mutating func hostileValue() -> String {
        Self.hostileValues.randomElement(using: &random) ?? ""
    }
}
