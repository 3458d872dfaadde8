import Foundation
import SOPStore
import Testing

/// The package, found from this file's path, and the `sop` binary built beside this test bundle: the
/// test target depends on the `sop` target, so `swift build --build-tests` and `swift test` build it
/// from the current sources first (and `freshness` fails the suite if it is older than any of them).
enum Package {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The folder of the running test bundle (`.build/debug` or a `--scratch-path` one), where SwiftPM
    /// puts the `sop` executable of the same build.
    static let buildFolder: String = {
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: running).deletingLastPathComponent()
        // On Linux the bundle is `NAME.xctest` itself; elsewhere a folder whose executable sits deeper.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("sop").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.path
    }()

    static let binary = URL(fileURLWithPath: buildFolder).appendingPathComponent("sop").path

    /// Modules of Sources/ that `sop` does not link: SOPPostgres until `--db` takes a PostgreSQL URL.
    static let modulesOutsideTheBinary = ["SOPPostgres"]

    /// Source files changed after the binary was linked: a stale binary would test old code.
    static func sourcesNewerThanBinary() -> [String] {
        let manager = FileManager.default
        guard let built = (try? manager.attributesOfItem(atPath: binary))?[.modificationDate] as? Date,
              let walker = manager.enumerator(atPath: path("Sources"))
        else { return ["(no binary at \(binary))"] }
        var newer: [String] = []
        for case let file as String in walker where file.hasSuffix(".swift") || file.hasSuffix(".h") || file.hasSuffix(".yaml") {
            // Not linked into the binary (yet), so editing them rightly leaves it as it was.
            if modulesOutsideTheBinary.contains(where: { file.hasPrefix($0 + "/") }) { continue }
            let modified = (try? manager.attributesOfItem(atPath: path("Sources/" + file)))?[.modificationDate] as? Date
            if let modified, modified > built { newer.append(file) }
        }
        return newer
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Files in a folder of the package with the given extension, sorted by name.
    static func files(in folder: String, ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(folder))
            .filter { $0.hasSuffix("." + ext) }
            .sorted()
            .map { path(folder + "/" + $0) }
    }

    /// The stage ids of a workflow file, in file order (`  - id:` at the stage indentation).
    static func stageIDs(ofWorkflow relative: String) throws -> [String] {
        let text = try String(contentsOfFile: path(relative), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  - id: ") else { return nil }
            return String(line.dropFirst("  - id: ".count)).trimmingCharacters(in: .whitespaces)
        }
    }
}

/// What one run of the binary produced.
struct Outcome: CustomStringConvertible {
    var out: String
    var err: String
    var code: Int32

    var description: String { "exit \(code)\n--- stdout\n\(out)--- stderr\n\(err)" }
    var outLines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    var errLines: [String] { err.split(separator: "\n").map(String.init) }

    /// Parses stdout as JSON.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(out.utf8)) }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A temporary working directory with its own database; each test makes its own.
final class Sandbox: @unchecked Sendable {
    static let now = "2026-11-05T09:00:00Z"

    let folder: URL
    var db: String { path("sop.db") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes a file in the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    var databaseExists: Bool { FileManager.default.fileExists(atPath: db) }

    /// The process environment a run gets: the inherited one without SOP_USER/SOP_DB, a fixed clock.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["SOP_USER"] = nil
        env["SOP_DB"] = nil
        env["SOP_NOW"] = now
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// A configured, not yet started `sop` process; stdout/stderr go to files (no pipe can fill up).
    func process(_ args: [String], stdin: String?, env: [String: String], db: Bool) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Package.binary)
        process.arguments = (db ? ["--db", self.db] : []) + args
        process.currentDirectoryURL = folder
        process.environment = Self.environment(env)
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent(".out-\(id)")
        let errURL = folder.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let inURL = folder.appendingPathComponent(".in-\(id)")
            try stdin.write(to: inURL, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        return (process, outURL, errURL)
    }

    static func collect(_ process: Process, _ outURL: URL, _ errURL: URL) throws -> Outcome {
        process.waitUntilExit()
        let out = try String(contentsOf: outURL, encoding: .utf8)
        let err = try String(contentsOf: errURL, encoding: .utf8)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return Outcome(out: out, err: err, code: process.terminationStatus)
    }

    /// Runs `sop --db <sandbox>/sop.db ARGS` in the sandbox and waits for it.
    func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:], db: Bool = true) throws -> Outcome {
        let (process, outURL, errURL) = try process(args, stdin: stdin, env: env, db: db)
        try process.run()
        return try Self.collect(process, outURL, errURL)
    }

    /// Runs a command that must succeed (exit 0, nothing on stderr).
    @discardableResult
    func ok(_ args: [String], stdin: String? = nil, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let result = try run(args, stdin: stdin, env: env)
        #expect(result.code == 0, "sop \(args.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        #expect(result.err.isEmpty, "sop \(args.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Pipes command lines into `sop` (batch mode); they must all succeed.
    @discardableResult
    func batch(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let result = try run([], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.code == 0, "batch \(lines): \(result)", sourceLocation: sourceLocation)
        #expect(result.err.isEmpty, "batch \(lines): \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Rows in the `events` table, read directly from the file.
    func eventCount() throws -> Int {
        guard databaseExists else { throw E2EError("no database at \(db)") }
        return try SOPDatabase(path: db).read { try $0.eventCount() }
    }
}

/// Sample files from Playbooks/data.
enum Sample {
    static func path(_ name: String) -> String { Package.path("Playbooks/data/" + name) }
    static let salesActuals = path("sales-actuals.csv")
    static let inventory = path("inventory-snapshot.csv")
    static let forecast = path("forecast-v1.csv")
    static let forecastNoQuantity = path("forecast-no-quantity.csv")
}

/// The error line the README gives: `error: <what is wrong> (<how to fix it>)`.
func isErrorLine(_ line: String) -> Bool {
    line.hasPrefix("error: ") && line.hasSuffix(")") && line.contains(" (")
}

extension Sandbox {
    /// Data gathering done (dan submits both inputs and signs off): product and demand reviews open.
    func completeDataGathering() throws {
        try batch([
            "as dan",
            "submit data-gathering sales-actuals \(Sample.salesActuals)",
            "submit data-gathering inventory-snapshot \(Sample.inventory)",
            "signoff data-gathering",
        ])
    }
}
