/// How `sop` knows who is acting: the team file's `identity:` key.
public enum IdentityMode: String, Sendable, Codable, CaseIterable {
    /// Whoever `--as`, `SOP_USER` or `as` names, else the participant whose `login` is the account:
    /// the team trusts what people declare (the default, and how playbooks and tutorials work).
    case declared
    /// Only the participant whose `login` is the operating-system account running `sop`: naming
    /// anyone else is refused, so the log's actor is the person at the keyboard.
    case os
    /// Only the participant whose `login` is the database user of the connection to a shared record
    /// (PostgreSQL): the server proves who connected, and refuses an event recorded as anyone else.
    case database

    /// Whether who acts is bound to a login (`os`, `database`) rather than declared.
    public var isBound: Bool { self != .declared }

    /// What a participant's `login` is matched with, in refusals.
    var loginSource: String {
        switch self {
        case .declared, .os: "the account running it"
        case .database: "the database user of the connection"
        }
    }

    /// What the matched name is called in refusals ("account 'x'", "database user 'x'").
    var accountNoun: String { self == .database ? "database user" : "account" }

    /// The name participants' logins are matched with: the connection's database user under
    /// `database` (nil on a file, which has none: nobody may act), else the operating-system account.
    public func account(osAccount: String?, databaseUser: String?) -> String? {
        self == .database ? databaseUser : osAccount
    }
}

/// How a participant was named, so a refusal quotes what the person typed.
public enum IdentityClaim: Sendable, Equatable {
    case asOption
    case environment
    case asCommand
    /// Picked from the REPL's list of the team, or found by the account's login.
    case picked

    func words(_ id: String) -> String {
        switch self {
        case .asOption: "--as \(id)"
        case .environment: "SOP_USER=\(id)"
        case .asCommand: "`as \(id)`"
        case .picked: "choosing \(id)"
        }
    }

    /// How to act as the account's own participant instead.
    func instead(actingAs own: String) -> String {
        switch self {
        case .asOption: ", or leave out --as to act as \(own)"
        case .environment: ", or unset SOP_USER to act as \(own)"
        case .asCommand, .picked: "; you go on acting as \(own)"
        }
    }
}

/// The identity rules: which participant an operating-system account may act as.
public enum Identity {
    /// The participant `id` names, if `account` may act as them under the team's identity mode.
    /// Under `declared` anyone on the team may be named; under `os` only the account's own participant.
    public static func claim(_ id: String, by claim: IdentityClaim, account: String?, team: Team) throws(Refusal) -> Participant {
        let own = ownParticipant(account: account, team: team)
        guard let named = team.participant(id) else {
            // Under `os` listing the team would only invite the next refusal.
            let fix = team.identity.isBound
                ? own.map { "name nobody: you act as \($0.id), whose login is this \(team.identity.accountNoun)" } ?? ownLogin(team.identity)
                : "use one of: \(team.participants.map(\.id).orList)"
            throw Refusal(.unknownParticipant, "'\(id)' is not on the team", fix: fix)
        }
        let mode = team.identity
        guard mode.isBound else { return named }
        if let own, own.id == named.id { return named }
        let whose = own.map { "is \($0.id)'s" } ?? "is not on the team"
        let instead = own.map { claim.instead(actingAs: $0.id) } ?? ""
        let under = mode == .database ? "connect with \(id)'s own login" : "run sop under \(id)'s own account"
        throw Refusal(
            .identity,
            "\(claim.words(id)) is refused: the team uses `identity: \(mode.rawValue)`, so sop acts only as the participant whose login "
                + "is \(mode.loginSource), and \(mode.accountNoun) '\(account ?? "unknown")' \(whose)",
            fix: "\(under)\(named.login.map { " ('\($0)')" } ?? "")\(instead); "
                + "a team file with `identity: declared` lets people name who acts")
    }

    /// Who acts when nobody was named: the participant whose `login` is `account`. Under `declared`
    /// that is a convenience (nil when nobody matches); under `os` and `database` it is the only way to
    /// act, so no match is a refusal.
    public static func accountHolder(account: String?, team: Team) throws(Refusal) -> Participant? {
        if let own = ownParticipant(account: account, team: team) { return own }
        guard team.identity.isBound else { return nil }
        throw notOnTeam(account: account, mode: team.identity)
    }

    /// How to act at all when the account or database user is nobody's login.
    static func ownLogin(_ mode: IdentityMode) -> String {
        mode == .database ? "connect with your own login" : "run sop under your own account"
    }

    /// The participant whose `login` is `account`: the one rule both modes use to find who sits at
    /// the keyboard.
    public static func ownParticipant(account: String?, team: Team) -> Participant? { account.flatMap(team.participant(login:)) }

    /// Under `identity: os` (or `database`), an account (a database user) no participant has as `login`
    /// may read but not act.
    public static func notOnTeam(account: String?, mode: IdentityMode = .os) -> Refusal {
        let name = account ?? "unknown"
        return Refusal(
            .identity,
            "\(mode.accountNoun) '\(name)' is not on the team, and the team uses `identity: \(mode.rawValue)`: sop acts only as the participant "
                + "whose login is \(mode.loginSource)",
            fix: "\(ownLogin(mode)), or have your entry in the team file say `login: \(name)` "
                + "(the team is stored when the database is created with `sop init --team FILE`)")
    }
}

/// Who may read the access log (`log --refused`): the leader, who runs the cycle, and the sponsor,
/// who answers for it. It names people and what they tried, so it is not for everyone.
public enum AccessLogReaders {
    public static let roles = ["leader", "sponsor"]

    public static func check(_ actor: Participant, team: Team) throws(Refusal) {
        if roles.contains(where: actor.holds) { return }
        let holders = team.holdings(of: roles).map(\.described)
        throw Refusal(
            .permission, "\(actor.id) may not read the access log: only the leader or the sponsor may",
            fix: holders.isEmpty ? "nobody on the team may; give someone the leader role in the team file" : "ask \(holders.orList)")
    }
}
