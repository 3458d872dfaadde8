import Foundation
import Testing

/// The architecture as a test: which module may import which, where refusals are built, where SQL
/// lives, and that the domain does no I/O. It reads the sources, so a change that breaks a layer
/// fails here with the file and line, not in review.
@Suite("The layers stay as the README's Architecture section draws them")
struct LayeringTests {
    /// Each module of the package and its layer: a module may import only modules of a lower layer.
    static let layer: [String: Int] = [
        "SOPCore": 0, "CommandWords": 0,
        "WorkflowFile": 1, "SOPStore": 1, "SOPSystem": 1, "CEditLine": 1,
        // The server backend runs SOPStore's domain SQL through SOPStore's executor protocol.
        "SOPPostgres": 2, "LineEditor": 2,
        "SOPApp": 3,
        "SOPText": 4,
        "SOPShell": 5,
        "sop": 6,
    ]

    /// Lower modules a module still may not import: the shell reaches the record and the workflow files
    /// only through SOPApp's use cases, so a handler cannot read or write around them.
    static let forbidden: [String: Set<String>] = [
        "SOPShell": ["SOPStore", "WorkflowFile"],
        "sop": ["SOPStore", "WorkflowFile", "SOPCore"],
    ]

    /// Libraries each module may import besides the package's own modules.
    static let libraries: [String: Set<String>] = [
        "SOPCore": ["Foundation"],
        "CommandWords": [],
        "WorkflowFile": ["Foundation", "Yams"],
        "SOPStore": ["Foundation", "GRDB", "Crypto", "Synchronization"],
        // Glibc/Darwin: the pipe that wakes a live REPL when the server announces a commit.
        "SOPPostgres": ["Foundation", "PostgresNIO", "Synchronization", "Glibc", "Darwin"],
        "SOPSystem": ["Foundation"],
        "SOPApp": ["Foundation"],
        // Plot builds the meeting pack's HTML and SVG as a node tree (escaping on the way out).
        "SOPText": ["Foundation", "Plot"],
        "SOPShell": ["Foundation"],
        "LineEditor": ["Foundation", "Synchronization", "Glibc", "Darwin"],
        "sop": ["Foundation", "ArgumentParser", "Glibc", "Darwin", "Synchronization"],
    ]

    /// Foundation calls that reach the file system, other processes, the network or the clock: the
    /// domain is pure, so the same events always fold to the same state and every rule is testable.
    static let impureCalls = [
        "FileManager", "FileHandle", "Process(", "ProcessInfo", "URLSession", "Date()", "Date.now",
        "fopen(", "open(", "read(", "write(", "getenv(", "DispatchQueue", "Thread.", "print(",
    ]

    struct SourceLine {
        var module: String
        var file: String
        var number: Int
        var text: String
        var location: String { "Sources/\(module)/\(file):\(number)" }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources() throws -> [SourceLine] {
        let folder = root.appendingPathComponent("Sources")
        var lines: [SourceLine] = []
        for module in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let moduleFolder = folder.appendingPathComponent(module)
            for file in try FileManager.default.contentsOfDirectory(atPath: moduleFolder.path).sorted() where file.hasSuffix(".swift") {
                let text = try String(contentsOf: moduleFolder.appendingPathComponent(file), encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    lines.append(SourceLine(module: module, file: file, number: index + 1, text: String(line)))
                }
            }
        }
        return lines
    }

    /// The code of a line without its comment and without the contents of string literals, so a
    /// message that mentions `Refusal(` or a help text that names `PRAGMA` does not count.
    static func code(_ line: String) -> String {
        var out = ""
        var inString = false
        var previous: Character = " "
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if !inString, c == "/", previous == "/" { out.removeLast(); break }
            if c == "\"" && previous != "\\" { inString.toggle(); out.append(c) } else if !inString { out.append(c) }
            previous = c
        }
        return out
    }

    static func imports(_ line: SourceLine) -> String? {
        let words = line.text.split(separator: " ")
        guard let i = words.firstIndex(of: "import"), words[..<i].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" }),
              i + 1 < words.count
        else { return nil }
        return String(words[i + 1])
    }

    @Test func everyModuleIsKnownAndImportsOnlyLowerLayersAndItsLibraries() throws {
        var problems: [String] = []
        for line in try Self.sources() {
            guard let layer = Self.layer[line.module] else {
                problems.append("\(line.location): module \(line.module) has no layer here; add it to LayeringTests and the README")
                continue
            }
            guard let imported = Self.imports(line) else { continue }
            if let theirs = Self.layer[imported] {
                if theirs >= layer { problems.append("\(line.location): \(line.module) (layer \(layer)) imports \(imported) (layer \(theirs))") }
                if Self.forbidden[line.module]?.contains(imported) == true {
                    problems.append("\(line.location): \(line.module) imports \(imported); go through SOPApp's use cases instead")
                }
            } else if !(Self.libraries[line.module] ?? []).contains(imported) {
                problems.append("\(line.location): \(line.module) imports \(imported), which is not one of its libraries")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func refusalsAreBuiltOnlyInSOPCore() throws {
        let outside = try Self.sources().filter { $0.module != "SOPCore" && Self.code($0.text).contains("Refusal(") }
        #expect(outside.isEmpty, "a refusal is a rule: build it in SOPCore: \(outside.map(\.location).joined(separator: ", "))")
    }

    /// The two store backends hold SQL: SOPStore (SQLite) and SOPPostgres (the shared store's server side).
    static let sqlModules: Set<String> = ["SOPStore", "SOPPostgres"]

    @Test func sqlAppearsOnlyInTheStores() throws {
        let keywords = ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "CREATE INDEX", "CREATE TRIGGER", "PRAGMA ", "BEGIN IMMEDIATE", "DROP "]
        let outside = try Self.sources().filter { line in
            guard !Self.sqlModules.contains(line.module) else { return false }
            // Look inside string literals only: SQL lives in strings.
            let literals = line.text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            return literals.contains { literal in keywords.contains { literal.hasPrefix($0) } }
        }
        #expect(outside.isEmpty, "SQL belongs in SOPStore or SOPPostgres: \(outside.map(\.location).joined(separator: ", "))")
        let grdb = try Self.sources().filter { $0.module != "SOPStore" && Self.imports($0) == "GRDB" }
        #expect(grdb.isEmpty, "only SOPStore talks to SQLite: \(grdb.map(\.location).joined(separator: ", "))")
    }

    @Test func theDomainDoesNoInputOrOutput() throws {
        let impure = try Self.sources().filter { line in
            line.module == "SOPCore" && Self.impureCalls.contains { Self.code(line.text).contains($0) }
        }
        #expect(impure.isEmpty, "SOPCore is pure: \(impure.map { "\($0.location): \($0.text.trimmingCharacters(in: .whitespaces))" }.joined(separator: "\n"))")
    }

    /// The checks themselves must be able to fail: each sees a line that breaks its rule.
    @Test func theChecksRecogniseABreach() {
        #expect(Self.code(#"throw Refusal(.gate, "x", fix: "y")"#).contains("Refusal("))
        #expect(!Self.code(#"let s = "a Refusal(" // Refusal("#).contains("Refusal("))
        #expect(Self.imports(SourceLine(module: "SOPCore", file: "x.swift", number: 1, text: "@testable import SOPStore")) == "SOPStore")
        #expect(Self.imports(SourceLine(module: "SOPCore", file: "x.swift", number: 1, text: "// import SOPStore")) == nil)
        #expect(Self.impureCalls.contains { Self.code("let now = Date()").contains($0) })
    }
}
