import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Splits a command line into words the way a shell user expects: spaces separate, single or double
/// quotes group, backslash escapes the next character.
public enum Tokenizer {
    public struct Unterminated: Error, Equatable {
        public var quote: Character
    }

    public static func words(_ line: String) throws(Unterminated) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaping = false
        for c in line {
            if escaping {
                current.append(c)
                escaping = false
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaping = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\":
                escaping = true
                inWord = true
            case "\"", "'":
                quote = c
                inWord = true
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(c)
                inWord = true
            }
        }
        if let quote { throw Unterminated(quote: quote) }
        if inWord { words.append(current) }
        return words
    }

    /// Quotes a word for display so it reads back as one word.
    public static func quoted(_ word: String) -> String {
        if !word.isEmpty && !word.contains(where: { " \t\"'\\".contains($0) }) { return word }
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
