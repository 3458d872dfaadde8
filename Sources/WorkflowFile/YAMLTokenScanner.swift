/// The structure of a YAML text as libyaml's scanner sees it, without its values: where keys, values,
/// collections, anchors and aliases start. Written in Swift after libyaml's `scanner.c` (the copy
/// inside Yams 6.2.2), keeping its rules for indentation, simple keys, quoted, block and plain scalars
/// and comments, because a guard that read the text differently from libyaml could be walked around
/// (an alias libyaml sees as a key, hidden here inside what looks like a quoted scalar).
///
/// Where libyaml stops with a syntax error, scanning stops too: Yams composes nothing after that
/// point, and reports the error itself. Checks libyaml makes that do not change where tokens start
/// (escape sequences, tag handles, directives) are left to libyaml: scanning past an error libyaml
/// finds can only look at more of the file, never less.
struct YAMLTokenScanner {
    enum Kind: Equatable {
        case key, value, blockEntry, flowEntry
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowMappingStart, flowSequenceEnd, flowMappingEnd
        case alias, anchor, tag, scalar, documentStart, documentEnd, directive
    }

    struct Token: Equatable {
        var kind: Kind
        /// 1-based, as diagnostics count (libyaml's marks are 0-based).
        var position: Position
        /// An alias's or anchor's name (for messages); empty for other tokens.
        var name = ""
    }

    /// Every token up to the end of the text, or up to the first syntax error.
    static func tokens(of yaml: String) -> [Token] {
        var scanner = YAMLTokenScanner(yaml)
        while scanner.fetchNextToken() {}
        return scanner.tokens
    }

    private struct Mark {
        var index = 0
        var line = 0
        var column = 0
    }

    /// A place where a key may start (libyaml's `yaml_simple_key_t`), one per flow level.
    private struct SimpleKey {
        var possible = false
        var required = false
        var tokenNumber = 0
        var mark = Mark()
    }

    private let text: [Unicode.Scalar]
    private var mark = Mark()
    private var tokens: [Token] = []
    private var flowLevel = 0
    private var indent = -1
    private var indents: [Int] = []
    private var simpleKeyAllowed = true
    private var simpleKeys = [SimpleKey()]
    /// The levels whose simple key is possible, in the order they were saved, live from `oldestPossible`
    /// on. libyaml checks every level for staleness at every token, which `[[[[…` makes quadratic; keys
    /// go stale in the order they were saved, so checking from the oldest live one is enough.
    private var possibleLevels: [Int] = []
    private var oldestPossible = 0
    private var streamEnded = false

    /// libyaml's parser refuses to nest more than 1000 collections and composes nothing past that; the
    /// scanner runs ahead of the parser by at most a simple key (1024 characters), so stopping here
    /// never stops before libyaml does, and keeps `[[[[…` from costing more than it needs.
    private static let nestingPastLibYAML = 1000 + 2 * 1025

    private init(_ yaml: String) {
        // libyaml's reader refuses control characters (NUL among them) and stops there: so does this.
        text = Array(yaml.unicodeScalars.prefix(while: Self.isReadable))
    }

    private static func isReadable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    // MARK: Characters

    private func at(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = mark.index + offset
        return index < text.count ? text[index] : nil
    }

    private func check(_ character: Unicode.Scalar, _ offset: Int = 0) -> Bool { at(offset) == character }
    private func isZ(_ offset: Int = 0) -> Bool { at(offset) == nil }
    private func isSpace(_ offset: Int = 0) -> Bool { check(" ", offset) }
    private func isTab(_ offset: Int = 0) -> Bool { check("\t", offset) }
    private func isBlank(_ offset: Int = 0) -> Bool { isSpace(offset) || isTab(offset) }

    private func isBreak(_ offset: Int = 0) -> Bool {
        switch at(offset) {
        case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}": return true
        default: return false
        }
    }

    private func isBreakZ(_ offset: Int = 0) -> Bool { isBreak(offset) || isZ(offset) }
    private func isBlankZ(_ offset: Int = 0) -> Bool { isBlank(offset) || isBreakZ(offset) }

    private func isAlpha(_ offset: Int = 0) -> Bool {
        guard let character = at(offset) else { return false }
        switch character {
        case "0"..."9", "A"..."Z", "a"..."z", "_", "-": return true
        default: return false
        }
    }

    private func isOneOf(_ characters: String, _ offset: Int = 0) -> Bool {
        guard let character = at(offset) else { return false }
        return characters.unicodeScalars.contains(character)
    }

    private mutating func skip() {
        mark.index += 1
        mark.column += 1
    }

    private mutating func skipLine() {
        if check("\r"), check("\n", 1) {
            mark.index += 2
        } else if isBreak() {
            mark.index += 1
        } else {
            return
        }
        mark.line += 1
        mark.column = 0
    }

    private func isDocumentIndicator() -> Bool {
        mark.column == 0 && (isRun(of: "-") || isRun(of: ".")) && isBlankZ(3)
    }

    private func isRun(of character: Unicode.Scalar) -> Bool {
        check(character, 0) && check(character, 1) && check(character, 2)
    }

    // MARK: Tokens

    private mutating func append(_ kind: Kind, at start: Mark) {
        tokens.append(Token(kind: kind, position: Position(line: start.line + 1, column: start.column + 1)))
    }

    /// One step of libyaml's `yaml_parser_fetch_next_token`; false at the end or at a syntax error.
    private mutating func fetchNextToken() -> Bool {
        guard !streamEnded else { return false }
        scanToNextToken()
        guard staleSimpleKeys() else { return false }
        unrollIndent(to: mark.column)
        guard let character = at() else {
            unrollIndent(to: -1)
            streamEnded = true
            return false
        }
        if mark.column == 0, character == "%" { return fetchDirective() }
        if isDocumentIndicator() { return fetchDocumentIndicator(character == "-" ? .documentStart : .documentEnd) }
        switch character {
        case "[": return fetchFlowCollectionStart(.flowSequenceStart)
        case "{": return fetchFlowCollectionStart(.flowMappingStart)
        case "]": return fetchFlowCollectionEnd(.flowSequenceEnd)
        case "}": return fetchFlowCollectionEnd(.flowMappingEnd)
        case ",": return fetchFlowEntry()
        case "-" where isBlankZ(1): return fetchBlockEntry()
        case "?" where flowLevel > 0 || isBlankZ(1): return fetchKey()
        case ":" where flowLevel > 0 || isBlankZ(1): return fetchValue()
        case "*": return fetchAnchor(.alias)
        case "&": return fetchAnchor(.anchor)
        case "!": return fetchTag()
        case "|" where flowLevel == 0, ">" where flowLevel == 0: return fetchBlockScalar()
        case "'": return fetchFlowScalar(single: true)
        case "\"": return fetchFlowScalar(single: false)
        default: break
        }
        let startsPlain =
            !(isBlankZ() || isOneOf("-?:,[]{}#&*!|>'\"%@`"))
            || (character == "-" && !isBlank(1))
            || (flowLevel == 0 && (character == "?" || character == ":") && !isBlankZ(1))
        // "found character that cannot start any token"
        return startsPlain ? fetchPlainScalar() : false
    }

    /// Spaces, tabs where they cannot be indentation, comments and line breaks.
    private mutating func scanToNextToken() {
        while true {
            if mark.column == 0, check("\u{FEFF}") { skip() }
            while isSpace() || ((flowLevel > 0 || !simpleKeyAllowed) && isTab()) { skip() }
            if check("#") {
                while !isBreakZ() { skip() }
            }
            guard isBreak() else { return }
            skipLine()
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
    }

    /// A simple key lives on one line and within 1024 characters; false when a required one expired.
    private mutating func staleSimpleKeys() -> Bool {
        while oldestPossible < possibleLevels.count {
            let level = possibleLevels[oldestPossible]
            let key = simpleKeys[level]
            guard key.possible, key.mark.line < mark.line || key.mark.index + 1024 < mark.index else { break }
            if key.required { return false }  // "could not find expected ':'"
            simpleKeys[level].possible = false
            oldestPossible += 1
        }
        return true
    }

    /// The key at the innermost level is no longer possible.
    private mutating func forgetInnermostKey() {
        let last = simpleKeys.count - 1
        guard simpleKeys[last].possible else { return }
        simpleKeys[last].possible = false
        if possibleLevels.count > oldestPossible, possibleLevels.last == last { possibleLevels.removeLast() }
    }

    private mutating func saveSimpleKey() -> Bool {
        guard simpleKeyAllowed else { return true }
        let required = flowLevel == 0 && indent == mark.column
        guard removeSimpleKey() else { return false }
        simpleKeys[simpleKeys.count - 1] = SimpleKey(
            possible: true, required: required, tokenNumber: tokens.count, mark: mark)
        possibleLevels.append(simpleKeys.count - 1)
        return true
    }

    private mutating func removeSimpleKey() -> Bool {
        let last = simpleKeys.count - 1
        if simpleKeys[last].possible, simpleKeys[last].required { return false }  // "could not find expected ':'"
        forgetInnermostKey()
        return true
    }

    /// Opens a block collection at `column` when it is deeper than the current one; `number` is where
    /// its start token goes (before a simple key found afterwards), nil for the end of the list.
    private mutating func rollIndent(to column: Int, number: Int?, _ kind: Kind, at start: Mark) {
        guard flowLevel == 0, indent < column else { return }
        // Past libyaml's nesting limit: stop (see `nestingPastLibYAML`) by ending the text here.
        if indents.count + 1 >= Self.nestingPastLibYAML { streamEnded = true }
        indents.append(indent)
        indent = column
        let token = Token(kind: kind, position: Position(line: start.line + 1, column: start.column + 1))
        if let number {
            tokens.insert(token, at: number)
        } else {
            tokens.append(token)
        }
    }

    private mutating func unrollIndent(to column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            append(.blockEnd, at: mark)
            indent = indents.popLast() ?? -1
        }
    }

    private mutating func fetchDirective() -> Bool {
        unrollIndent(to: -1)
        guard removeSimpleKey() else { return false }
        simpleKeyAllowed = false
        append(.directive, at: mark)
        // A directive is one line; libyaml checks its grammar, which changes nothing here.
        while !isBreakZ() { skip() }
        return true
    }

    private mutating func fetchDocumentIndicator(_ kind: Kind) -> Bool {
        unrollIndent(to: -1)
        guard removeSimpleKey() else { return false }
        simpleKeyAllowed = false
        append(kind, at: mark)
        skip()
        skip()
        skip()
        return true
    }

    private mutating func fetchFlowCollectionStart(_ kind: Kind) -> Bool {
        guard saveSimpleKey(), flowLevel + indents.count < Self.nestingPastLibYAML else { return false }
        simpleKeys.append(SimpleKey())
        flowLevel += 1
        simpleKeyAllowed = true
        append(kind, at: mark)
        skip()
        return true
    }

    private mutating func fetchFlowCollectionEnd(_ kind: Kind) -> Bool {
        guard removeSimpleKey() else { return false }
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
        }
        simpleKeyAllowed = false
        append(kind, at: mark)
        skip()
        return true
    }

    private mutating func fetchFlowEntry() -> Bool {
        guard removeSimpleKey() else { return false }
        simpleKeyAllowed = true
        append(.flowEntry, at: mark)
        skip()
        return true
    }

    private mutating func fetchBlockEntry() -> Bool {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { return false }  // "block sequence entries are not allowed in this context"
            rollIndent(to: mark.column, number: nil, .blockSequenceStart, at: mark)
        }
        guard removeSimpleKey() else { return false }
        simpleKeyAllowed = true
        append(.blockEntry, at: mark)
        skip()
        return true
    }

    private mutating func fetchKey() -> Bool {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { return false }  // "mapping keys are not allowed in this context"
            rollIndent(to: mark.column, number: nil, .blockMappingStart, at: mark)
        }
        guard removeSimpleKey() else { return false }
        simpleKeyAllowed = flowLevel == 0
        append(.key, at: mark)
        skip()
        return true
    }

    /// A `:` makes the simple key saved before it a key: its KEY token (and, in a block, the start of
    /// the mapping) goes back in the list where that key began.
    private mutating func fetchValue() -> Bool {
        let last = simpleKeys.count - 1
        let key = simpleKeys[last]
        if key.possible {
            tokens.insert(
                Token(kind: .key, position: Position(line: key.mark.line + 1, column: key.mark.column + 1)),
                at: key.tokenNumber)
            rollIndent(to: key.mark.column, number: key.tokenNumber, .blockMappingStart, at: key.mark)
            forgetInnermostKey()
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else { return false }  // "mapping values are not allowed in this context"
                rollIndent(to: mark.column, number: nil, .blockMappingStart, at: mark)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        append(.value, at: mark)
        skip()
        return true
    }

    private mutating func fetchAnchor(_ kind: Kind) -> Bool {
        guard saveSimpleKey() else { return false }
        simpleKeyAllowed = false
        let start = mark
        skip()
        var length = 0
        while isAlpha() {
            skip()
            length += 1
        }
        // "did not find expected alphabetic or numeric character"
        guard length > 0, isBlankZ() || isOneOf("?:,]}%@`") else { return false }
        append(kind, at: start)
        tokens[tokens.count - 1].name = String(String.UnicodeScalarView(text[(start.index + 1)..<mark.index]))
        return true
    }

    private mutating func fetchTag() -> Bool {
        guard saveSimpleKey() else { return false }
        simpleKeyAllowed = false
        let start = mark
        // A handle (`!`, `!!`, `!name!`) and its suffix are both made of URI characters; `!<...>` may
        // also hold `,`, `[` and `]`.
        let verbatim = check("<", 1)
        skip()
        if verbatim { skip() }
        let uri = ";/?:@&=+$.%!~*'()" + (verbatim ? ",[]" : "")
        while isAlpha() || isOneOf(uri) { skip() }
        if verbatim {
            guard check(">") else { return false }  // "did not find the expected '>'"
            skip()
        }
        // "did not find expected whitespace or line break"
        guard isBlankZ() || (flowLevel > 0 && check(",")) else { return false }
        append(.tag, at: start)
        return true
    }

    private mutating func fetchFlowScalar(single: Bool) -> Bool {
        guard saveSimpleKey() else { return false }
        simpleKeyAllowed = false
        let start = mark
        let quote: Unicode.Scalar = single ? "'" : "\""
        skip()
        while true {
            // "found unexpected document indicator", "found unexpected end of stream"
            if isDocumentIndicator() || isZ() { return false }
            while !isBlankZ() {
                if single, check("'"), check("'", 1) {
                    skip()
                    skip()
                } else if check(quote) {
                    break
                } else if !single, check("\\"), isBreak(1) {
                    skip()
                    skipLine()
                    break
                } else if !single, check("\\") {
                    let digits = at(1).map { ["x": 2, "u": 4, "U": 8][String($0)] ?? 0 } ?? 0
                    skip()
                    skip()
                    for _ in 0..<digits where at()?.properties.isASCIIHexDigit == true { skip() }
                } else {
                    skip()
                    // The common case, taken in one stride: characters that are none of the above.
                    while let next = at(), next != quote, next != "\\", next != " ", next != "\t", !isBreak() {
                        skip()
                    }
                }
            }
            if check(quote) { break }
            while isBlank() || isBreak() {
                if isBlank() { skip() } else { skipLine() }
            }
        }
        skip()
        append(.scalar, at: start)
        return true
    }

    private mutating func fetchPlainScalar() -> Bool {
        guard saveSimpleKey() else { return false }
        simpleKeyAllowed = false
        let start = mark
        let minimum = indent + 1
        var leadingBlanks = false
        while true {
            if isDocumentIndicator() || check("#") { break }
            // One look at each character: a megabyte-long value must not cost a dozen calls per character.
            characters: while let character = at() {
                switch character {
                case " ", "\t", "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}":
                    break characters
                case ":":
                    if flowLevel > 0, isOneOf(",?[]{}", 1) { return false }  // "found unexpected ':'"
                    if isBlankZ(1) { break characters }
                case ",", "[", "]", "{", "}":
                    if flowLevel > 0 { break characters }
                default:
                    break
                }
                leadingBlanks = false
                skip()
            }
            guard isBlank() || isBreak() else { break }
            while isBlank() || isBreak() {
                if isBlank() {
                    // "found a tab character that violates indentation"
                    if leadingBlanks, mark.column < minimum, isTab() { return false }
                    skip()
                } else {
                    skipLine()
                    leadingBlanks = true
                }
            }
            if flowLevel == 0, mark.column < minimum { break }
        }
        append(.scalar, at: start)
        if leadingBlanks { simpleKeyAllowed = true }
        return true
    }

    private mutating func fetchBlockScalar() -> Bool {
        guard removeSimpleKey() else { return false }
        simpleKeyAllowed = true
        let start = mark
        skip()
        var increment = 0
        if isOneOf("+-") {
            skip()
            if let digit = at().flatMap({ Int(String($0)) }) {
                guard digit > 0 else { return false }  // "found an indentation indicator equal to 0"
                increment = digit
                skip()
            }
        } else if let digit = at().flatMap({ Int(String($0)) }) {
            guard digit > 0 else { return false }
            increment = digit
            skip()
            if isOneOf("+-") { skip() }
        }
        while isBlank() { skip() }
        if check("#") {
            while !isBreakZ() { skip() }
        }
        guard isBreakZ() else { return false }  // "did not find expected comment or line break"
        skipLine()
        var contentIndent = increment > 0 ? (indent >= 0 ? indent + increment : increment) : 0
        guard blockScalarBreaks(indent: &contentIndent) else { return false }
        while mark.column == contentIndent, !isZ() {
            while !isBreakZ() { skip() }
            skipLine()
            guard blockScalarBreaks(indent: &contentIndent) else { return false }
        }
        append(.scalar, at: start)
        return true
    }

    /// Blank lines and indentation inside a block scalar; fixes the indentation from the first line
    /// with text when the header gave none.
    private mutating func blockScalarBreaks(indent contentIndent: inout Int) -> Bool {
        var maxIndent = 0
        while true {
            while contentIndent == 0 || mark.column < contentIndent, isSpace() { skip() }
            maxIndent = max(maxIndent, mark.column)
            // "found a tab character where an indentation space is expected"
            if contentIndent == 0 || mark.column < contentIndent, isTab() { return false }
            guard isBreak() else { break }
            skipLine()
        }
        if contentIndent == 0 {
            contentIndent = max(maxIndent, indent + 1, 1)
        }
        return true
    }
}
