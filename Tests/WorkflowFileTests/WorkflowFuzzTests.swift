import Foundation
import SOPCore
import Testing
@testable import WorkflowFile

/// Fuzzing: every bundled file in Workflows/, mutated thousands of times by a seeded generator, fed to
/// the real readers. Whatever the damage, a reader returns a model or positioned diagnostics, never
/// crashes or hangs, and a model it returns holds together. CI runs 10,000 mutants. Environment:
/// SOP_FUZZ_MUTATIONS=100000 for a longer run, SOP_FUZZ_SEED=N for other mutants, SOP_FUZZ_CASE=N to
/// replay the one mutant a failure names, SOP_FUZZ_DUMP=FOLDER to save failing mutants there.
@Suite("Fuzzing the workflow and team readers")
struct WorkflowFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let mutations = environment["SOP_FUZZ_MUTATIONS"].flatMap { Int($0) } ?? 10_000
    static let seed = environment["SOP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_105
    static let onlyCase = environment["SOP_FUZZ_CASE"].flatMap { Int($0) }
    /// Mutants are split into shards that Swift Testing runs in parallel; each mutant has its own
    /// generator, so its number and the seed replay it whatever the sharding.
    static let shards = 4
    /// Far above what any mutant needs in a debug build (the slowest take a fraction of a second): only
    /// exponential behaviour or a hang gets near it.
    static let slowest = Duration.seconds(5)
    /// Enough failures to see a pattern without drowning the log.
    static let reportedFailures = 8

    struct Source {
        var name: String
        var text: String
        var isTeam: Bool
    }

    static func sources() throws -> [Source] {
        let folder = packageRoot.appendingPathComponent("Workflows")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return Source(name: name, text: text, isTeam: text.hasPrefix("team:") || text.contains("\nteam:"))
        }
    }

    @Test(arguments: 0..<shards)
    func mutatedBundledFilesNeverCrashOrHang(shard: Int) throws {
        let sources = try Self.sources()
        try #require(sources.count >= 3, "Workflows/ should hold the bundled workflows and the team")
        let workflowForTeams = try WorkflowFileReader.workflow(
            yaml: bundled("monthly-sop.yaml"), file: "monthly-sop.yaml")
        if shard == 0 {
            let names = sources.map(\.name).joined(separator: ", ")
            print("workflow fuzz: seed \(Self.seed), \(Self.mutations) mutants of \(names) in \(Self.shards) shards "
                + "(SOP_FUZZ_SEED, SOP_FUZZ_MUTATIONS, SOP_FUZZ_CASE to change)")
        }
        let numbers = Self.onlyCase.map { [$0].filter { ($0 - 1) % Self.shards == shard } }
            ?? Array(stride(from: shard + 1, through: Self.mutations, by: Self.shards))
        let donors = WorkflowMutator.donorLines(sources.map(\.text))
        var tally = Tally()
        let clock = ContinuousClock()
        for number in numbers {
            let source = sources[number % sources.count]
            var mutator = WorkflowMutator(seed: Self.seed, number: number, donorLines: donors)
            let (text, edits) = mutator.mutate(source.text)
            let file = "fuzz-\(number).yaml"
            var problems: [String] = []
            let elapsed = clock.measure {
                problems = Self.read(
                    text, file: file, isTeam: source.isTeam, workflow: workflowForTeams, thorough: number % 8 == 0,
                    tally: &tally)
            }
            if elapsed > tally.slowest.time { tally.slowest = (elapsed, "#\(number) \(source.name) \(edits)") }
            if elapsed > Self.slowest { problems.append("took \(elapsed), over \(Self.slowest)") }
            if !problems.isEmpty {
                tally.failures += 1
                if tally.failures <= Self.reportedFailures {
                    let what = "mutant #\(number) of \(source.name) (SOP_FUZZ_SEED=\(Self.seed) SOP_FUZZ_CASE=\(number), edits \(edits))"
                    let start = String(text.prefix(400)).debugDescription
                    Issue.record("\(what): \(problems.joined(separator: "; "))\n--- text (first 400 characters):\n\(start)")
                    if let folder = Self.environment["SOP_FUZZ_DUMP"] {
                        try? Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(file))
                    }
                }
            }
        }
        let counts = "\(tally.valid) read as valid, \(tally.refused) refused with \(tally.diagnostics) diagnostics"
        print("workflow fuzz shard \(shard): \(numbers.count) mutants: \(counts), \(tally.failures) failures; "
            + "slowest \(tally.slowest.time) (\(tally.slowest.what))")
        #expect(tally.failures == 0, "seed \(Self.seed)")
    }

    struct Tally {
        var valid = 0
        var refused = 0
        var diagnostics = 0
        var failures = 0
        var slowest: (time: Duration, what: String) = (.zero, "")
    }

    /// Reads one mutant the way `sop workflow check` does, and a team also with its workflow's roles, as
    /// `sop init` does; returns what is wrong with the readers' behaviour (empty when all is well).
    /// `thorough` (one mutant in eight, as reading takes most of the run) also reads a workflow with the
    /// workflow reader `cycle open` uses, and reads everything twice to check the answer does not change.
    static func read(
        _ text: String, file: String, isTeam: Bool, workflow: Workflow, thorough: Bool, tally: inout Tally
    ) -> [String] {
        var problems: [String] = []
        // The alias guard's scanner must read aliases where libyaml does, or a key alias could slip past it.
        if let disagreement = AliasCrossCheck.disagreement(in: text) { problems.append("alias scanner: \(disagreement)") }
        let first = Outcome(reading: text, file: file, isTeam: isTeam, typed: isTeam || thorough, workflow: workflow)
        // Reading is a pure function of the text: the same file must give the same answer again.
        if thorough, Outcome(reading: text, file: file, isTeam: isTeam, typed: true, workflow: workflow) != first {
            problems.append("reading the same text twice gave different results")
        }
        switch first.checked {
        case .workflow(let read):
            tally.valid += 1
            problems += Invariants.of(read)
        case .team(let team):
            tally.valid += 1
            problems += Invariants.of(team, workflow: nil)
        case .failure(let diagnostics):
            tally.refused += 1
            tally.diagnostics += diagnostics.count
            problems += Invariants.of(diagnostics, file: file, text: text)
        }
        switch first.typed {
        case nil: break
        case .workflow(let read): problems += Invariants.of(read)
        case .team(let team): problems += Invariants.of(team, workflow: workflow)
        case .failure(let diagnostics):
            problems += Invariants.of(diagnostics, file: file, text: text)
        }
        return problems
    }

    /// What the readers made of one text: `check` (kind by top-level key) and the typed reader.
    struct Outcome: Equatable {
        enum Read: Equatable {
            case workflow(Workflow)
            case team(Team)
            case failure([FileDiagnostic])
        }

        /// As `sop workflow check` reads it: the kind of file decided by its top-level key.
        var checked: Read
        /// As `sop` reads it to open a cycle or create a database: the kind it must be.
        var typed: Read?

        init(reading text: String, file: String, isTeam: Bool, typed: Bool, workflow: Workflow) {
            do {
                switch try WorkflowFileReader.check(yaml: text, file: file) {
                case .workflow(let workflow): checked = .workflow(workflow)
                case .team(let team): checked = .team(team)
                }
            } catch {
                checked = .failure(error.diagnostics)
            }
            guard typed else {
                self.typed = nil
                return
            }
            do {
                self.typed =
                    isTeam
                    ? .team(try WorkflowFileReader.team(yaml: text, file: file, workflow: workflow))
                    : .workflow(try WorkflowFileReader.workflow(yaml: text, file: file))
            } catch {
                self.typed = .failure(error.diagnostics)
            }
        }
    }
}
