/// How a command line is cut into words, once for both readers of a line: the REPL's parser (every
/// word) and Tab completion (the words before the cursor and the one being typed). Spaces, tabs and
/// line ends separate; '...' and "..." keep spaces inside one word; a backslash takes the next
/// character literally (inside double quotes as well, never inside single quotes).
public struct CommandWords: Equatable, Sendable {
    /// The words ended before the end of the text, quotes removed.
    public var complete: [String]
    /// The word still being typed at the end of the text, quotes removed; nil after a separator.
    public var partial: String?
    /// That word exactly as typed (quotes and backslashes included), so an edit knows what to replace.
    public var typedPartial: String
    /// The quote left open at the end of the text.
    public var openQuote: Unicode.Scalar?

    static let separators: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]

    public init(_ text: String) {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        var escaping = false
        let scalars = text.unicodeScalars
        var wordStart = scalars.startIndex
        for index in scalars.indices {
            let scalar = scalars[index]
            if escaping {
                current.append(scalar)
                escaping = false
                continue
            }
            if let open = quote {
                if scalar == open {
                    quote = nil
                } else if scalar == "\\" && open == "\"" {
                    escaping = true
                } else {
                    current.append(scalar)
                }
                continue
            }
            if Self.separators.contains(scalar) {
                if inWord {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    inWord = false
                }
                continue
            }
            if !inWord {
                inWord = true
                wordStart = index
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "\\": escaping = true
            default: current.append(scalar)
            }
        }
        complete = words
        partial = inWord ? String(current) : nil
        typedPartial = inWord ? String(scalars[wordStart...]) : ""
        openQuote = quote
    }

    /// A quote opened and never closed.
    public struct Unterminated: Error, Equatable, Sendable {
        public var quote: Character
        public init(quote: Character) { self.quote = quote }
    }

    /// Every word of a whole line, or the quote it leaves open.
    public static func split(_ line: String) throws(Unterminated) -> [String] {
        let cut = CommandWords(line)
        if let quote = cut.openQuote { throw Unterminated(quote: Character(quote)) }
        return cut.complete + (cut.partial.map { [$0] } ?? [])
    }
}
