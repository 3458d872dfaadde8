/// Text that people or files supply ends up on other people's terminals (diagnostics, the access log,
/// notes and reasons in `log` and `agenda`). One definition of what may not reach a terminal as is:
/// control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional controls
/// that make text read differently from what it holds.
public enum PrintableText {
    public static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// The text on one line with every unprintable character spelt out: `\n`, `\r`, `\t`, else `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isUnprintable(scalar): result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
