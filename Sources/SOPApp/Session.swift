import Foundation
import SOPCore
import SOPStore

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
    private var knownZone: TimeZone?
    /// Whether output may carry ANSI colour: the executable sets it only when stdout is a terminal
    /// and NO_COLOR is unset, so pipes, files and tests get plain text.
    public var colour: Bool = false
    /// The terminal's width in columns, when output goes to one (the REPL reads it before each
    /// command, so a resized window is followed); tables wrap within it. nil: 80, for pipes and files.
    public var terminalWidth: Int?
    /// The width tables and headlines wrap within.
    public var width: Int { terminalWidth.map { max(20, $0) } ?? 80 }
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
    /// Plan files read into values, kept for the session's life: a file is parsed once however many
    /// figures read it.
    public let planFiles = PlanFileCache()

    public init(database: SOPDatabase, mode: Mode, json: Bool = false, actor: String? = nil, cycle: String? = nil, now: Date? = nil) {
        self.database = database
        self.mode = mode
        self.json = json
        self.actorID = actor
        self.pinnedCycle = cycle
        self.fixedNow = now
        readCalendarZone()
    }

    /// The fixed clock, else the record's clock: on a server, the server's time (this machine's clock
    /// corrected by the offset measured when connecting), so every participant stamps on one clock.
    public var now: Date { fixedNow ?? Date().addingTimeInterval(database.clockOffset) }

    /// The session's clock as it stands, for work that finishes later (a notify hook's delivery time).
    public var clockSource: @Sendable () -> Date {
        let fixed = fixedNow
        let offset = database.clockOffset
        return { fixed ?? Date().addingTimeInterval(offset) }
    }

    /// A playbook's `clock` line: from here on the session runs at this time.
    public func setClock(_ time: Date) { fixedNow = time }

    /// Today on the record's wall calendar: the zone of the workflow it runs on (its newest cycle's,
    /// else the default one's), so a participant in Lyon and one in Chicago agree on what is late.
    public var today: Day { Day(containing: now, in: calendarZone) }

    /// The zone `today` is read in: read from the record when the session starts and again before each
    /// command (`readCalendarZone`), never inside a transaction (a read there would nest in the write).
    public var calendarZone: TimeZone { knownZone ?? .current }

    /// Reads the zone of the workflow the record runs on. A command may open a cycle on a workflow with
    /// another zone, so each command starts by reading it again; a record it cannot read keeps the last.
    public func readCalendarZone() {
        if let zone = try? database.read({ try $0.workflowForNextCycle()?.workflow.calendar.timeZone }) { knownZone = zone }
    }

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
    public func actor(_ team: Team) throws(ShellError) -> Participant {
        guard let id = actorID else {
            if team.identity.isBound {
                // Only reached when no participant has this account's login (else it would be acting).
                do {
                    if let own = try Identity.accountHolder(account: account, team: team) { return own }
                } catch {
                    throw refuseIdentity(error, claimed: nil)
                }
            }
            throw ShellError.refused(SessionRules.nobodyActing(team: team, naming: mode == .repl ? .asCommand : .commandLine))
        }
        let participant: Participant
        do { participant = try SessionRules.participant(id, in: team) } catch {
            throw refuseIdentity(error, claimed: id)
        }
        return participant
    }

    /// Under `identity: os`, when no participant has this account's login: why nobody acts.
    public var accountNotOnTeam: String? {
        guard actorID == nil, let team = try? team(), team.identity.isBound,
            Identity.ownParticipant(account: account, team: team) == nil
        else { return nil }
        return Identity.notOnTeam(account: account, mode: team.identity).message
    }

    /// A participant tried something their roles do not allow: the access log keeps it.
    public func notePermissionRefused(_ refusal: Refusal) {
        if refusal.rule == .permission { unlogged.append((actorID, refusal)) }
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
    /// `cycle use`: refused when there is no such cycle.
    public func use(cycle id: String) throws {
        let existing = try database.read { tx in try tx.cycles().map(\.id) }
        guard existing.contains(id) else { throw SessionRules.unknownCycle(id, existing: existing) }
        pinnedCycle = id
    }

    /// Back to the default cycle (after the pinned one was cancelled: it is never the default).
    public func useDefaultCycle() { pinnedCycle = nil }

    /// After `cycle open`: the new cycle is the one commands act on.
    public func pin(cycle id: String) { pinnedCycle = id }

    public func requestQuit() { quitRequested = true }

    /// The cycle commands act on: the pinned one, else the most recent open cycle, else the most recent.
    /// Two index reads: every command asks, so the cost must not grow with the cycles on file.
    public func cycleID(_ tx: StoreTransaction) throws -> String {
        if let pinned = pinnedCycle {
            guard try tx.cycleExists(pinned) else { throw SessionRules.unknownCycle(pinned, existing: try tx.cycles().map(\.id)) }
            return pinned
        }
        guard let chosen = try tx.defaultCycleID() else { throw SessionRules.noCycleYet }
        return chosen
    }

    /// The current cycle's state, read from its own events.
    public func loadCycle(_ tx: StoreTransaction) throws -> CycleState {
        let id = try cycleID(tx)
        guard let state = try tx.loadCycle(id) else {
            throw SessionRules.unknownCycle(id, existing: try tx.cycles().map(\.id))
        }
        return state
    }

    /// The prompt: cycle and actor, ending in `> ` (README, "Invocation": scripts driving the REPL wait for it).
    public var prompt: String {
        let cycle = (try? database.read { tx in try cycleID(tx) }) ?? "no cycle"
        return "sop \(cycle) \(actorID ?? "(nobody)")> "
    }
}
