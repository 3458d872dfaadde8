/// Wording shared by the readers' fix-it hints, so every message offers the same kind of help.
enum Hints {
    /// Whether `text` can be an id: lowercase letters, digits and hyphens, so it types and tab-completes easily.
    static func isID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLowerOrDigit(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLowerOrDigit($0) || $0 == "-" }
    }

    private static func isLowerOrDigit(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }

    static let idRule = "ids use only lowercase letters, digits and hyphens, and start with a letter or digit"

    /// `'a', 'b'` style is noisy in long lists; plain words read better after "roles are:".
    static func list(_ names: [String]) -> String {
        names.isEmpty ? "none defined" : names.joined(separator: ", ")
    }

    /// "did you mean 'supply'? " when one candidate is a likely typo of `word`, else "".
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        let length = word.count
        let limit = max(1, min(2, length / 3))
        // Words whose lengths differ by more than the limit cannot be that close; skipping them keeps a
        // megabyte-long value from costing a megabyte-sized table per candidate.
        let scored = candidates.filter { abs($0.count - length) <= limit }.map {
            (name: $0, distance: editDistance(word, $0))
        }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return "" }
        return "did you mean '\(best.name)'? "
    }

    /// Edit distance counting a swap of neighbours as one edit (`titel` -> `title`), the commonest typo.
    /// Inputs are short keys and ids, so the quadratic table is fine.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
