import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Tab completion from the command table: command words first, then whatever each argument or option
/// value expects (stages, inputs of the named stage, participants, cycles, roles, files).
public struct Completion: Sendable {
    public var vocabulary: Vocabulary
    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// Reads the vocabulary for the session's current cycle; empty parts when there is none.
    public static func vocabulary(for session: Session) -> Vocabulary { Vocabulary.read(session) }

    public func candidates(preceding: [String], partial: String) -> [String] {
        let table = CommandTable.all.filter(\.runsInTheREPL)
        let spellings = table.flatMap { spec in ([spec.words] + spec.aliases).map { (spec, $0) } }
        // Still typing the command's own words?
        let wordIndex = preceding.count
        let prefixMatches = spellings.filter { _, words in
            words.count > wordIndex && Array(words.prefix(wordIndex)) == preceding
        }
        if !prefixMatches.isEmpty {
            let next = Set(prefixMatches.map { $0.1[wordIndex] })
            return next.filter { $0.hasPrefix(partial) }.sorted()
        }
        guard let (spec, words) = spellings
            .filter({ $0.1.count <= preceding.count && Array(preceding.prefix($0.1.count)) == $0.1 })
            .max(by: { $0.1.count < $1.1.count })
        else { return [] }
        let rest = Array(preceding.dropFirst(words.count))
        let stageArgument = firstStage(in: rest, spec: spec)

        // The value of an option?
        if let last = rest.last, let option = spec.options.first(where: { $0.name == last }), let kind = option.value {
            if kind == .proposalOption {
                // The options of the proposal named on the line (LineEditor quotes those with spaces).
                let proposal = rest.first { FollowUpKind.parse($0)?.kind == .proposal }
                return (proposal.flatMap { vocabulary.proposalOptions[$0] } ?? []).filter { $0.hasPrefix(partial) }
            }
            return values(kind, partial: partial, stage: stageArgument)
        }
        if partial.hasPrefix("-") {
            let used = Set(rest)
            return spec.options.map(\.name).filter { $0.hasPrefix(partial) && !used.contains($0) }.sorted()
        }
        // Which positional argument is this?
        var position = 0
        var index = 0
        while index < rest.count {
            if let option = spec.options.first(where: { $0.name == rest[index] }) {
                index += option.value == nil ? 1 : 2
                continue
            }
            position += 1
            index += 1
        }
        let argument: ArgumentSpec?
        if position < spec.arguments.count {
            argument = spec.arguments[position]
        } else {
            argument = spec.arguments.last?.repeating == true ? spec.arguments.last : nil
        }
        if let argument { return values(argument.kind, partial: partial, stage: stageArgument) }
        return []
    }

    /// The positional word given for the command's STAGE argument (for `submit STAGE INPUT` and
    /// `scenario add NAME STAGE INPUT`, the stage whose inputs to offer).
    private func firstStage(in rest: [String], spec: CommandSpec) -> String? {
        guard let wanted = spec.arguments.firstIndex(where: { $0.kind == .stage }) else { return nil }
        var index = 0
        var position = 0
        while index < rest.count {
            if let option = spec.options.first(where: { $0.name == rest[index] }) {
                index += option.value == nil ? 1 : 2
                continue
            }
            if position == wanted { return rest[index] }
            position += 1
            index += 1
        }
        return nil
    }

    func values(_ kind: ValueKind, partial: String, stage: String?) -> [String] {
        let pool: [String]
        switch kind {
        case .command:
            // What `help` (and `expect-refused`) take: every entry of the table.
            pool = Array(Set(CommandTable.all.map { $0.words[0] }))
        case .stage: pool = vocabulary.stages.map(\.id)
        case .input: pool = vocabulary.stages.first { $0.id == stage }?.inputs.map(\.id) ?? []
        case .participant: pool = vocabulary.participants
        case .cycle: pool = vocabulary.cycles
        case .role: pool = vocabulary.stages.first { $0.id == stage }?.signoffs ?? vocabulary.roles
        case .state: pool = StageState.allCases.map(\.rawValue)
        case .file: return Self.files(matching: partial)
        case .proposal: pool = vocabulary.proposals
        case .decision: pool = vocabulary.decisions
        case .action: pool = vocabulary.actions
        case .format: pool = Handlers.agendaFormats
        case .number, .text, .date, .month, .proposalOption: return []
        }
        let matches = pool.filter { $0.hasPrefix(partial) }
        // Item ids come in number order (P-2 before P-10); everything else alphabetically.
        switch kind {
        case .proposal, .decision, .action: return matches
        default: return matches.sorted()
        }
    }

    /// Paths under the working directory matching what was typed; folders end in `/`.
    static func files(matching partial: String) -> [String] {
        let expanded = (partial as NSString).expandingTildeInPath
        let directory: String
        let namePrefix: String
        let shownDirectory: String
        if partial.hasSuffix("/") {
            directory = expanded
            namePrefix = ""
            shownDirectory = partial
        } else if let slash = partial.lastIndex(of: "/") {
            shownDirectory = String(partial[...slash])
            directory = PathText.folder(of: expanded)
            namePrefix = String(partial[partial.index(after: slash)...])
        } else {
            directory = "."
            namePrefix = partial
            shownDirectory = ""
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "/" : directory) else { return [] }
        return names
            .filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { name in
                var isDirectory: ObjCBool = false
                let full = (directory as NSString).appendingPathComponent(name)
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                return shownDirectory + name + (isDirectory.boolValue ? "/" : "")
            }
            .sorted()
    }
}
