import CommandWords

/// The text before the cursor, cut into words the way the REPL's parser reads them.
struct CompletionContext: Equatable {
    /// The complete words before the word under the cursor, quotes removed.
    var precedingWords: [String]
    /// The word under the cursor up to the cursor, quotes removed: what the completer matches.
    var partial: String
    /// The same word exactly as typed, so an edit knows how much of the line it replaces.
    var typedPartial: String
    /// The quote left open in the partial word, which a completed word has to close.
    var openQuote: Unicode.Scalar?

    init(precedingWords: [String], partial: String, typedPartial: String, openQuote: Unicode.Scalar?) {
        self.precedingWords = precedingWords
        self.partial = partial
        self.typedPartial = typedPartial
        self.openQuote = openQuote
    }

    /// Cut the way the REPL's parser cuts a line (one definition, `CommandWords`).
    init(textBeforeCursor text: String) {
        let cut = CommandWords(text)
        self.init(precedingWords: cut.complete, partial: cut.partial ?? "", typedPartial: cut.typedPartial, openQuote: cut.openQuote)
    }
}

/// What one press of Tab does to the line.
enum CompletionAction: Equatable {
    /// Nothing matches.
    case beep
    /// Delete `deleteCount` characters (Unicode scalars, as libedit counts them) before the cursor,
    /// then insert `insert`.
    case edit(deleteCount: Int, insert: String)
    /// Several candidates share nothing more than what is typed: show them all.
    case list([String])

    init(context: CompletionContext, candidates: [String]) {
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        guard let first = unique.first else {
            self = .beep
            return
        }
        if unique.count == 1 {
            // A directory is rarely the last word: leave the cursor inside it to go on typing.
            let finished = !first.hasSuffix("/")
            self = CompletionAction.replacing(context, with: first, finished: finished)
            return
        }
        let prefix = longestCommonPrefix(unique)
        if prefix.unicodeScalars.count > context.partial.unicodeScalars.count {
            self = CompletionAction.replacing(context, with: prefix, finished: false)
        } else {
            self = .list(unique)
        }
    }

    /// Replaces the typed partial word by `word`, quoted as needed, and only the part that
    /// differs, so the common case is a plain insertion after the cursor.
    private static func replacing(_ context: CompletionContext, with word: String, finished: Bool) -> CompletionAction {
        var rendered = quoted(word, openQuote: context.openQuote, closing: finished)
        if finished {
            rendered += " "
        }
        let typed = context.typedPartial.unicodeScalars
        let new = rendered.unicodeScalars
        if new.starts(with: typed) {
            let rest = String(String.UnicodeScalarView(new.dropFirst(typed.count)))
            return rest.isEmpty ? .beep : .edit(deleteCount: 0, insert: rest)
        }
        return .edit(deleteCount: typed.count, insert: rendered)
    }

    /// Quotes a word that the parser would otherwise split or misread, keeping an already open
    /// quote, and closes the quote only when the word is finished.
    private static func quoted(_ word: String, openQuote: Unicode.Scalar?, closing: Bool) -> String {
        let needsQuotes = word.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "\\" }
        guard openQuote != nil || needsQuotes else {
            return word
        }
        let quote = openQuote ?? "\""
        var body = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if quote == "\"" && (scalar == "\"" || scalar == "\\") {
                body.append("\\")
            }
            body.append(scalar)
        }
        var result = String.UnicodeScalarView([quote])
        result.append(contentsOf: body)
        if closing {
            result.append(quote)
        }
        return String(result)
    }
}

/// The longest run of Unicode scalars every word starts with.
func longestCommonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else {
        return ""
    }
    for word in words.dropFirst() {
        var length = 0
        for (a, b) in zip(prefix, word.unicodeScalars) {
            guard a == b else { break }
            length += 1
        }
        prefix.removeLast(prefix.count - length)
    }
    return String(String.UnicodeScalarView(prefix))
}

/// Lays candidates out in columns filled top to bottom, like `ls`, within `width` terminal cells.
func columnLayout(_ items: [String], width: Int) -> [String] {
    guard !items.isEmpty else {
        return []
    }
    let widths = items.map(displayWidth)
    let gap = 2
    let columnWidth = (widths.max() ?? 0) + gap
    // One cell short of the width: writing the last cell makes some terminals wrap early.
    let columns = max(1, (width - 1 + gap) / columnWidth)
    let rows = (items.count + columns - 1) / columns
    var lines: [String] = []
    for row in 0..<rows {
        var line = ""
        for column in 0..<columns {
            let index = column * rows + row
            guard index < items.count else { break }
            let isLast = index + rows >= items.count || column == columns - 1
            line += items[index]
            if !isLast {
                line += String(repeating: " ", count: columnWidth - widths[index])
            }
        }
        lines.append(line)
    }
    return lines
}

/// Terminal cells a string occupies: wide East Asian characters and emoji take two, combining
/// marks none. (glibc hides wcwidth from Swift, and a column list needs no more precision.)
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return total
        default:
            return total + (isWide(scalar) ? 2 : 1)
        }
    }
}

private func isWide(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isEmojiPresentation {
        return true
    }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        return true
    default:
        return false
    }
}
