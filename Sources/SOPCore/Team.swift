/// The people who take part in the cycle, and the roles each holds.
public struct Team: Sendable, Equatable, Codable {
    public var participants: [Participant]
    /// How `sop` knows who is acting (the team file's `identity:` key).
    public var identity: IdentityMode
    public init(participants: [Participant], identity: IdentityMode = .declared) {
        self.participants = participants
        self.identity = identity
    }

    public func participant(_ id: String) -> Participant? { participants.first { $0.id == id } }
    public func participant(login: String) -> Participant? { participants.first { $0.login == login } }
    /// Who holds `role`, in team order.
    public func holders(of role: String) -> [Participant] { holdings(of: [role]).map(\.participant) }

    /// Everyone holding any of `roles`, in team order, with the ones they hold: the one answer to
    /// "who holds this role" for permissions, refusals, escalations and `why`.
    public func holdings(of roles: [String]) -> [RoleHolding] {
        participants.compactMap { p in
            let held = roles.filter(p.holds)
            return held.isEmpty ? nil : RoleHolding(participant: p, roles: held)
        }
    }
}

/// A participant and the roles they hold of those asked about.
public struct RoleHolding: Sendable, Equatable {
    public var participant: Participant
    public var roles: [String]
    /// `dan (demand, sales)`, as refusals name who may act.
    public var described: String { "\(participant.id) (\(roles.joined(separator: ", ")))" }
}

/// A member of the S&OP team.
public struct Participant: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var roles: [String]
    /// Operating-system account name; lets `sop` know who is acting without `--as`.
    public var login: String?
    public var email: String?

    public init(id: String, name: String, roles: [String], login: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.roles = roles
        self.login = login
        self.email = email
    }

    public func holds(_ role: String) -> Bool { roles.contains(role) }
    public var isLeader: Bool { holds("leader") }
}
