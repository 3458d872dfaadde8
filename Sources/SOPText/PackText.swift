import Foundation
import Plot

/// Participant text into the meeting pack, shown exactly as it was written. Plot escapes `<` and `>`
/// in text but keeps anything that already looks like an entity (`&amp;`), and it writes attribute
/// values as they are; these two helpers close both gaps, so a note holding `<script>` or
/// `"><img onerror=…>` reads as those characters and never becomes markup.
enum PackText {
    /// A text node: `&` is spelled out first, so Plot's escaping of `<` and `>` leaves nothing that a
    /// browser reads as markup or as an entity the writer did not type.
    static func text<Context>(_ value: String) -> Node<Context> {
        .text(value.replacingOccurrences(of: "&", with: "&amp;"))
    }

    /// An attribute whose value may hold anyone's words (an `aria-label` naming a family, a `title`).
    static func attribute<Context>(_ name: String, _ value: String) -> Node<Context> {
        .attribute(named: name, value: attributeValue(value), ignoreIfValueIsEmpty: false)
    }

    /// Every character that could end or change an attribute value, as its entity.
    static func attributeValue(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for ch in value {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
