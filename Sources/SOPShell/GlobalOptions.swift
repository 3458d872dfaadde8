/// An option of `sop` itself, given before COMMAND on the command line.
public struct GlobalOption: Sendable {
    public var name: String
    /// A one-letter spelling (`-h`).
    public var short: String?
    /// nil for a flag.
    public var placeholder: String?
    /// The environment variable read when the option is not given.
    public var environment: String?
    public var help: String

    /// `--db PATH|URL`, `--json`, `--help, -h`.
    public var synopsis: String {
        ([name] + (short.map { [$0] } ?? [])).joined(separator: ", ") + (placeholder.map { " \($0)" } ?? "")
    }
}

extension CommandTable {
    /// The global options, in the order `sop --help` and the reference list them. The executable's
    /// argument parser takes its help from here, and `--help`/`--version` are found by this table.
    public static let globalOptions: [GlobalOption] = [
        GlobalOption(
            name: "--db", placeholder: "PATH", environment: "SOP_DB",
            help: "The database file (default ./sop.db); a missing one is created on first use from the bundled workflow and team."),
        GlobalOption(
            name: "--as", placeholder: "PARTICIPANT", environment: "SOP_USER",
            help: "Who is acting; without it, the participant whose login is your OS account (under `identity: os`, only that one)."),
        GlobalOption(
            name: "--cycle", placeholder: "YYYY-MM",
            help: "The cycle commands act on; default the most recent open cycle, else the most recent (never a cancelled one)."),
        GlobalOption(
            name: "--now", placeholder: "ISO8601", environment: "SOP_NOW",
            help: "A fixed clock for scripts, playbooks and tests: 2026-11-05T09:30:00Z, 2026-11-05T09:30 (UTC) or 2026-11-05 (noon UTC)."),
        GlobalOption(name: "--json", help: "Machine-readable output on stdout, and errors as JSON objects on stderr."),
        GlobalOption(name: "--help", short: "-h", help: "Print the invocation and the command list, and exit."),
        GlobalOption(name: "--version", help: "Print `sop VERSION`, and exit."),
    ]

    /// The help of a global option, with the environment variable it falls back to.
    public static func globalHelp(_ name: String) -> String {
        guard let option = globalOptions.first(where: { $0.name == name }) else { return "" }
        return option.help + (option.environment.map { " (env \($0))" } ?? "")
    }
}
