import SOPCore

/// One problem in a workflow or team file, positioned for an editor.
public struct FileDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based, as editors count.
    public var line: Int
    /// 1-based, counted in Unicode scalars (as libyaml counts).
    public var column: Int
    public var message: String
    /// A warning points at something that works but is likely a mistake; it does not fail a check.
    public var isWarning: Bool

    public init(file: String, line: Int, column: Int, message: String, isWarning: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.isWarning = isWarning
    }

    /// The compiler-style shape, so terminals and editors can jump straight to the spot.
    public var description: String { "\(file):\(line):\(column): \(isWarning ? "warning" : "error"): \(message)" }
}

/// All problems found in one file (never empty when thrown).
public struct FileProblems: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [FileDiagnostic]

    public init(diagnostics: [FileDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A 1-based line and column in the file being read.
struct Position: Sendable, Equatable, Comparable {
    var line: Int
    var column: Int

    /// Problems with no better place (an empty file, a missing top-level key) point at the start.
    static let start = Position(line: 1, column: 1)

    static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// A value read from the file together with where it was written, for checks made after reading.
struct Located<Value> {
    var value: Value
    var position: Position
}

/// Collects every problem of one file in one pass; shared by the readers so none stops at the first.
final class DiagnosticLog {
    let file: String
    private(set) var diagnostics: [FileDiagnostic] = []
    /// The text being read, once known. libyaml marks the end of a file that lacks a final line break
    /// (a syntax error there, or an empty document after `---`) on the line after the last one, which
    /// editors cannot jump to; `problems()` moves such positions to the end of the last line.
    var text: String?

    init(file: String) {
        self.file = file
    }

    var isEmpty: Bool { diagnostics.isEmpty }

    func error(_ message: String, at position: Position) {
        diagnostics.append(
            FileDiagnostic(file: file, line: position.line, column: position.column, message: Self.printable(message)))
    }

    /// Messages quote what the file says, and a quoted YAML value can hold any character (`"a\nb"`,
    /// `"\e[2J"`): escaped here, so every diagnostic stays one line and cannot drive the terminal.
    static func printable(_ message: String) -> String { PrintableText.escaped(message) }

    /// In file order, because that is how a person fixes them; graph checks run last but belong in place.
    func problems() -> FileProblems {
        var sorted = diagnostics.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        if let text, !sorted.isEmpty {
            let end = YAMLSource.end(of: text)
            sorted = sorted.map { diagnostic in
                guard Position(line: diagnostic.line, column: diagnostic.column) > end else { return diagnostic }
                return FileDiagnostic(file: file, line: end.line, column: end.column, message: diagnostic.message)
            }
        }
        if sorted.isEmpty {
            // Defensive: a reader that gave up must have said why; never throw an empty list.
            sorted = [FileDiagnostic(file: file, line: 1, column: 1, message: "could not read the file")]
        }
        return FileProblems(diagnostics: sorted)
    }
}
