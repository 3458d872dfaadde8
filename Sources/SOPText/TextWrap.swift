import SOPCore

/// Word-wrapping prose to a width: the agenda's paragraphs and `help`'s explanations.
public enum TextWrap {
    /// Word-wraps `text` to `width` columns: the first line after `first`, the rest after `rest`;
    /// each line of the text starts a new line. A word longer than a line stays whole.
    public static func lines(_ text: String, first: String = "", rest: String = "", width: Int) -> [String] {
        var lines: [String] = []
        var prefix = first
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = prefix
            var empty = true
            for word in words(paragraph) {
                if !empty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = rest
                    empty = true
                }
                line += (empty ? "" : " ") + word
                empty = false
            }
            lines.append(line)
            prefix = rest
        }
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    /// The words of a line; a timestamp's `HH:MMZ` stays with its date.
    private static func words(_ line: Substring) -> [String] {
        var words: [String] = []
        for word in line.split(separator: " ") {
            let clock = word.prefix(6)
            if let last = words.last, clock.count == 6, clock.last == "Z", clock.dropLast().enumerated().allSatisfy({ i, c in
                i == 2 ? c == ":" : c.isASCII && c.isNumber
            }), last.count >= 10, Day(String(last.suffix(10))) != nil {
                words[words.count - 1] = last + " " + word
            } else {
                words.append(String(word))
            }
        }
        return words
    }
}
