import SOPShell

/// `sop --help`, `sop -h` and `sop --version`: asked for among the global options, before any
/// command word. They are looked for here because the command words are captured for passthrough
/// (so that `sop submit ... --note X` reaches sop's own parser), which also captures these flags.
enum InformationRequest {
    case help
    case version

    /// The global options that take a value: their value is skipped, so `--as -h` is not a request.
    static let optionsWithValues = Set(CommandTable.globalOptions.filter { $0.placeholder != nil }.map { $0.name })

    /// The request among the global options of `arguments` (without the program name), if any.
    static func find(in arguments: [String]) -> InformationRequest? {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            switch word {
            case "--help", "-h": return .help
            case "--version": return .version
            case "--json": index += 1
            case _ where optionsWithValues.contains(word): index += 2
            case _ where word.hasPrefix("--") && word.contains("="): index += 1
            default: return nil  // the command word: `sop help` and the command's own options take over
            }
        }
        return nil
    }
}
