import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// The global options of `sop` (README, "Invocation"), after flags and environment are merged.
public struct LaunchOptions: Sendable {
    public var databasePath: String
    /// `--as` or `SOP_USER`.
    public var actor: String?
    public var cycle: String?
    public var now: Date?
    public var json: Bool
    /// The operating-system account (`OSAccount.current`), matched against participants' `login`.
    public var login: String?
    /// ANSI colour allowed (stdout is a terminal and NO_COLOR is unset); the executable decides.
    public var colour: Bool
    /// stdout is a terminal (`show` lays files out for a person there); the executable decides.
    public var terminal: Bool
    /// `actor` came from `SOP_USER`, not `--as`: a refusal quotes what was set.
    public var actorFromEnvironment: Bool
    /// The arguments `sop` was started with, for the access log when naming the actor is refused.
    public var invocation: [String]

    public init(
        databasePath: String, actor: String?, cycle: String?, now: Date?, json: Bool, login: String?, colour: Bool = false,
        actorFromEnvironment: Bool = false, invocation: [String] = [], terminal: Bool = false
    ) {
        self.terminal = terminal
        self.databasePath = databasePath
        self.actor = actor
        self.cycle = cycle
        self.now = now
        self.json = json
        self.login = login
        self.colour = colour
        self.actorFromEnvironment = actorFromEnvironment
        self.invocation = invocation
    }

    /// `sop ARGS...` as typed, each word quoted only when it needs it.
    /// A password written in a `postgresql://` URL is replaced, since the access log keeps this line.
    var commandLine: String {
        (["sop"] + invocation).map { Tokenizer.quoted(PostgresAddress.redactingPassword(in: $0)) }.joined(separator: " ")
    }
}

/// Starting sessions and running the command-line-only commands; the executable only wires these up.
public enum Launcher {
    /// Opens the database (creating it from the bundled files on first use) and a session on it.
    /// A database created here opens the current month's cycle, except for `play`, whose playbook
    /// opens its own.
    public static func session(_ options: LaunchOptions, mode: Session.Mode) throws(ShellError) -> Session {
        if let cycle = options.cycle, CycleMonth(cycle) == nil {
            throw ShellError.usage("--cycle '\(cycle)' is not a cycle id", fix: "write the month as YYYY-MM, e.g. 2026-11")
        }
        let now = options.now ?? Date()
        let database = try DatabaseOpening.openOrCreate(options.databasePath, now: now, openingCycle: mode != .playbook)
        let session = Session(database: database, mode: mode, json: options.json, cycle: options.cycle, now: options.now)
        session.colour = options.colour
        session.terminal = options.terminal
        let identity = (try? session.team())?.identity ?? .declared
        session.account = identity.account(osAccount: options.login, databaseUser: database.connectedUser)
        if let requested = options.actor {
            do { try session.act(as: requested, claim: options.actorFromEnvironment ? .environment : .asOption) } catch {
                session.recordRefusedAttempts(command: options.commandLine)
                throw error
            }
        } else if let login = options.login, let me = try? session.team().participant(login: login) {
            try session.act(as: me.id, claim: .picked)
        }
        return session
    }

    /// `sop COMMAND ARGS...`: one command, then exit with its code.
    public static func runOneShot(_ words: [String], options: LaunchOptions, console: Console) -> Int32 {
        do throws(ShellError) {
            let parsed = try Parser.parse(words, table: CommandTable.all)
            switch parsed.spec.action {
            case .commandLine: return runCommandLine(parsed, options: options, console: console)
            case .playbookLine:
                throw ShellError.usage("\(parsed.spec.name) is a playbook line", fix: "put it in a .sop file and run `sop play FILE`; `sop help \(parsed.spec.name)` explains it")
            case .reference(let handler):
                console.out(try handler(parsed, nil).text)
                return 0
            case .session:
                let session = try session(options, mode: .oneShot)
                session.invocation = options.commandLine
                session.deliver(try session.run(words), to: console)
                return 0
            }
        } catch {
            console.report(error)
            return error.exitCode
        }
    }

    /// Piped stdin: one command per line, no prompt; stop at the first failing command with its code.
    public static func runBatch(lines: some Sequence<String>, options: LaunchOptions, console: Console) -> Int32 {
        let session: Session
        do { session = try Self.session(options, mode: .batch) } catch {
            console.report(error)
            return error.exitCode
        }
        for (index, line) in lines.enumerated() {
            do {
                session.deliver(try session.run(line: line), to: console)
            } catch {
                console.report(error, line: index + 1)
                return error.exitCode
            }
            if session.quitRequested { break }
        }
        return 0
    }

    /// Runs `init`, `play` or `workflow check`; returns the exit code.
    public static func runCommandLine(_ command: ParsedCommand, options: LaunchOptions, console: Console) -> Int32 {
        guard case .commandLine(let which) = command.spec.action else { return 2 }
        do {
            switch which {
            case .initialize: return try initialize(command, options: options, console: console)
            case .checkWorkflows: return checkFiles(command.arguments, console: console)
            case .play:
                var options = options
                if !FileManager.default.fileExists(atPath: options.databasePath),
                    let clock = command.arguments.first.flatMap(Playbook.leadingClock(of:))
                {
                    options.now = clock
                }
                let session = try session(options, mode: .playbook)
                return Playbook.run(files: command.arguments, session: session, console: console)
            }
        } catch {
            console.report(error)
            return error.exitCode
        }
    }

    static func initialize(_ command: ParsedCommand, options: LaunchOptions, console: Console) throws(ShellError) -> Int32 {
        let path = options.databasePath
        let onServer = PostgresAddress.isURL(path)
        if !onServer && FileManager.default.fileExists(atPath: path) {
            throw ShellError.failed("database \(path) already exists", fix: "name a new file with --db, or remove \(path) first")
        }
        var starter = try DatabaseSetup.bundledStarter()
        let workflowPath = command.option("--workflow")
        let teamPath = command.option("--team")
        if workflowPath != nil || teamPath != nil {
            let workflowText: String
            let teamText: String
            do {
                workflowText = try workflowPath.map { try InputFiles.text($0, what: "workflow file") } ?? BundledFiles.monthlyWorkflow
                teamText = try teamPath.map { try InputFiles.text($0, what: "team file") } ?? BundledFiles.team
            } catch let error as SystemError { throw ShellError(error) } catch { throw ShellError.failed("\(error)", fix: "check the file") }
            starter = try DatabaseSetup.starter(
                workflowText: workflowText, workflowName: workflowPath.map { ($0 as NSString).lastPathComponent } ?? BundledFiles.monthlyWorkflowName,
                teamText: teamText, teamName: teamPath.map { ($0 as NSString).lastPathComponent } ?? BundledFiles.teamName)
        }
        let shown: String
        if onServer {
            let database = try ServerRecord.create(path, starter: starter, now: options.now ?? Date())
            shown = database.path
            try? database.close()
        } else {
            if starter.team.identity == .database {
                throw ShellError.failed(
                    "the team uses `identity: database`, which needs a shared record on PostgreSQL: a file has no database users",
                    fix: "run sop init --db postgresql://HOST/DBNAME, or use `identity: os` for a file on one machine")
            }
            let (_, created) = try DatabaseSetup.create(at: path, starter: starter, now: options.now ?? Date(), openCycle: nil)
            if !created {
                throw ShellError.failed("database \(path) already exists (another process created it just now)", fix: "name a new file with --db")
            }
            shown = path
        }
        let w = starter.workflow.workflow
        let identity = switch starter.team.identity {
        case .os: " (identity: os: each participant acts only from the account in their login)"
        case .database: " (identity: database: each participant acts only as the database user in their login)"
        case .declared: ""
        }
        console.out("Created \(shown): workflow \(w.id) (\(w.stages.count.counted("stage"))), a team of \(starter.team.participants.count.counted("participant"))\(identity). The leader opens the first cycle with `cycle open`.")
        return 0
    }

    static func checkFiles(_ paths: [String], console: Console) -> Int32 {
        WorkflowCheck(console: console).run(paths)
    }
}

