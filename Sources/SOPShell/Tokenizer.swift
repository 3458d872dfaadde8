import CommandWords
import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Splits a command line into words the way a shell user expects: spaces separate, single or double
/// quotes group, backslash escapes the next character; and quotes a word back for display.
public enum Tokenizer {
    public typealias Unterminated = CommandWords.Unterminated

    /// The words of a line, cut as Tab completion cuts them (`CommandWords`).
    public static func words(_ line: String) throws(Unterminated) -> [String] {
        try CommandWords.split(line)
    }

    /// Quotes a word for display so it reads back as one word.
    public static func quoted(_ word: String) -> String {
        if !word.isEmpty && !word.contains(where: { " \t\"'\\".contains($0) }) { return word }
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
