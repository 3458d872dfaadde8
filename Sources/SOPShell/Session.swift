import Foundation
import SOPCore
import SOPStore

/// What a command hands back: the text a person reads, and what `--json` prints.
public struct Reply: Sendable {
    public var text: String
    public var json: (any Encodable & Sendable)?
    /// Exact bytes for stdout instead of `text` (`show` of a submitted file): written with nothing added.
    public var bytes: Data?

    public init(_ text: String, json: (any Encodable & Sendable)? = nil) {
        self.text = text
        self.json = json
    }

    static let none = Reply("")
}

/// One person's working session on a database: who acts, which cycle, which clock. The REPL keeps one
/// for its lifetime; a one-shot command or a playbook makes its own.
public final class Session {
    /// How the session was started; decides what a missing actor means and what `quit` does.
    public enum Mode: Sendable { case repl, oneShot, batch, playbook }

    public let database: SOPDatabase
    public let mode: Mode
    public var json: Bool
    /// Who is acting (`--as`, `SOP_USER`, the OS login, or `as`); nil until known.
    public private(set) var actorID: String?
    /// The cycle `--cycle` or `cycle use` chose; nil means "the most recent open, else the most recent".
    public private(set) var pinnedCycle: String?
    /// A fixed clock (`--now`); nil means the system clock.
    public private(set) var fixedNow: Date?
    /// Whether output may carry ANSI colour: the executable sets it only when stdout is a terminal
    /// and NO_COLOR is unset, so pipes, files and tests get plain text.
    public var colour: Bool = false
    /// Whether stdout is a terminal: `show` then lays a file out for a person, and writes bytes only to a pipe or file.
    public var terminal: Bool = false
    /// Set by `quit`/`exit`.
    public private(set) var quitRequested = false
    /// The operating-system account running sop, from the real uid (not `$USER`, which anyone can set).
    /// Under `identity: os` it decides who acts; every refused attempt records it.
    public var account: String?
    /// Refusals the access log must keep, held until the command's transactions are over: the log is
    /// written in a transaction of its own, after the refused one rolled back.
    private var unlogged: [(actor: String?, refusal: Refusal)] = []
    /// For a one-shot command, the whole `sop ...` line as typed: the access log records that rather
    /// than the command's words alone, since `--as` is part of what was attempted.
    public var invocation: String?

    public init(database: SOPDatabase, mode: Mode, json: Bool = false, actor: String? = nil, cycle: String? = nil, now: Date? = nil) {
        self.database = database
        self.mode = mode
        self.json = json
        self.actorID = actor
        self.pinnedCycle = cycle
        self.fixedNow = now
    }

    public var now: Date { fixedNow ?? Date() }

    /// The session's clock as it stands, for work that finishes later (a notify hook's delivery time).
    var clockSource: @Sendable () -> Date {
        let fixed = fixedNow
        return { fixed ?? Date() }
    }

    /// A playbook's `clock` line: from here on the session runs at this time.
    public func setClock(_ time: Date) { fixedNow = time }

    /// Today in the local time zone: due dates are business days where the planner sits.
    public var today: Day { Day(containing: now) }

    public func team() throws -> Team { try database.read { try $0.team() } }

    /// Checks and sets who is acting. A refusal (someone not on the team; under `identity: os`,
    /// anyone but the account's own participant) is kept for the access log: `run` writes it after the
    /// command, other callers with `recordRefusedAttempts`.
    public func act(as id: String, claim: IdentityClaim = .asCommand) throws(ShellError) {
        let team: Team
        do { team = try self.team() } catch {
            throw StorageTrouble.error(error, path: database.path, moment: .opening) ?? .failed("cannot read the team: \(error)", fix: "check the database file")
        }
        do {
            actorID = try Identity.claim(id, by: claim, account: account, team: team).id
        } catch {
            throw refuseIdentity(error, claimed: id)
        }
    }

    /// The acting participant, or a refusal that says how to name one.
    func actor(_ team: Team) throws(ShellError) -> Participant {
        guard let id = actorID else {
            if team.identity == .os {
                // Only reached when no participant has this account's login (else it would be acting).
                do {
                    if let own = try Identity.accountHolder(account: account, team: team) { return own }
                } catch {
                    throw refuseIdentity(error, claimed: nil)
                }
            }
            let how = mode == .repl ? "type `as PARTICIPANT`" : "pass --as PARTICIPANT or set SOP_USER"
            throw ShellError.refused(Refusal(
                .unknownParticipant, "nobody is acting: no --as, no SOP_USER, and no participant's login matches this account",
                fix: "\(how); the team is \(team.participants.map(\.id).orList)"))
        }
        guard let participant = team.participant(id) else {
            throw refuseIdentity(
                Refusal(.unknownParticipant, "'\(id)' is not on the team", fix: "use one of: \(team.participants.map(\.id).orList)"),
                claimed: id)
        }
        return participant
    }

    /// Under `identity: os`, when no participant has this account's login: why nobody acts.
    public var accountNotOnTeam: String? {
        guard actorID == nil, let team = try? team(), team.identity == .os,
            account.flatMap(team.participant(login:)) == nil
        else { return nil }
        return Identity.notOnTeam(account: account).message
    }

    private func refuseIdentity(_ refusal: Refusal, claimed: String?) -> ShellError {
        unlogged.append((claimed, refusal))
        return .refused(refusal)
    }

    /// Writes the refusals held for the access log, as attempts of `command`. Its own short
    /// transaction; when that fails (a read-only file, a full disk) the refusal the person sees is
    /// unchanged, so the failure is dropped rather than reported in its place.
    public func recordRefusedAttempts(command: String) {
        guard !unlogged.isEmpty else { return }
        let time = now
        let attempts = unlogged.map { entry in
            RefusedAttempt(
                time: time, account: account ?? "unknown", actor: entry.actor, command: command,
                rule: entry.refusal.rule.rawValue, message: entry.refusal.message)
        }
        unlogged = []
        try? database.recordRefusedAttempts(attempts)
    }

    /// Pins the cycle commands act on (`cycle use`, `--cycle`).
    func use(cycle id: String) { pinnedCycle = id }

    func requestQuit() { quitRequested = true }

    /// The cycle commands act on: the pinned one, else the most recent open cycle, else the most recent.
    /// Two index reads: every command asks, so the cost must not grow with the cycles on file.
    func cycleID(_ tx: StoreTransaction) throws -> String {
        if let pinned = pinnedCycle {
            guard try tx.cycleExists(pinned) else {
                let cycles = try tx.cycles()
                throw ShellError.refused(Refusal(
                    .unknownCycle, "there is no cycle \(pinned)",
                    fix: cycles.isEmpty ? "open one with `cycle open \(pinned)`" : "use one of: \(cycles.map(\.id).orList), or `cycle open \(pinned)`"))
            }
            return pinned
        }
        guard let chosen = try tx.defaultCycleID() else {
            throw ShellError.refused(Refusal(.unknownCycle, "no cycle has been opened yet", fix: "the leader opens one with `cycle open`"))
        }
        return chosen
    }

    /// The current cycle's state, read from its own events.
    func loadCycle(_ tx: StoreTransaction) throws -> CycleState {
        let id = try cycleID(tx)
        guard let state = try tx.loadCycle(id) else {
            throw ShellError.refused(Refusal(.unknownCycle, "there is no cycle \(id)", fix: "`cycle list` shows the cycles"))
        }
        return state
    }

    /// The prompt: cycle and actor, ending in `> ` as DESIGN.md pins.
    public var prompt: String {
        let cycle = (try? database.read { tx in try cycleID(tx) }) ?? "no cycle"
        return "sop \(cycle) \(actorID ?? "(nobody)")> "
    }

    // MARK: running commands

    /// Parses and runs one command given as words.
    public func run(_ words: [String]) throws(ShellError) -> Reply {
        // Runs once the handler has returned or thrown: every transaction of the command is over, so a
        // refused command's rollback is complete before its attempt is written to the access log.
        defer { recordRefusedAttempts(command: invocation ?? words.map(Tokenizer.quoted).joined(separator: " ")) }
        let parsed = try Parser.parse(words, table: CommandTable.all)
        do {
            switch parsed.spec.action {
            case .reference(let handler): return try handler(parsed)
            case .session(let handler): return try handler(self, parsed)
            case .commandLine:
                throw ShellError.usage("\(parsed.spec.name) runs from the command line only", fix: "run `sop \(parsed.spec.name) ...` from your shell")
            }
        } catch let error as ShellError {
            if case .refused(let refusal) = error { notePermission(refusal) }
            throw error
        } catch let refusal as Refusal {
            notePermission(refusal)
            throw .refused(refusal)
        } catch {
            throw StorageTrouble.error(error, path: database.path, moment: .command, openedReadOnly: database.isReadOnly)
                ?? .failed("\(error)", fix: "check the database file and try again")
        }
    }

    /// A participant tried something their roles do not allow: the access log keeps it.
    private func notePermission(_ refusal: Refusal) {
        if refusal.rule == .permission { unlogged.append((actorID, refusal)) }
    }

    /// Runs one line as typed: blank lines and `# comments` do nothing.
    public func run(line: String) throws(ShellError) -> Reply {
        let words: [String]
        do { words = try Tokenizer.words(line) } catch {
            throw ShellError.usage("a \(error.quote) quote is not closed", fix: "close the quote, or escape it with a backslash")
        }
        if words.isEmpty || words[0].hasPrefix("#") { return .none }
        return try run(words)
    }

    /// Renders a reply for stdout: JSON in `--json` mode when the command reports something.
    public func render(_ reply: Reply) -> String? {
        if json, let value = reply.json { return JSONOutput.string(value) }
        return reply.text.isEmpty ? nil : reply.text
    }
}

/// `--json` output: pretty, sorted keys, so it diffs well and reads in a terminal.
public enum JSONOutput {
    public static func string(_ value: any Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
