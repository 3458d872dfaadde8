import SOPCore

/// `team` and `whoami`: a participant as JSON, and the team as a table.
public enum TeamText {
    public struct ParticipantJSON: Encodable, Sendable {
        public var id: String
        public var name: String
        public var roles: [String]
        public var login: String?
        public var email: String?
        public init(_ p: Participant) {
            id = p.id
            name = p.name
            roles = p.roles
            login = p.login
            email = p.email
        }
    }

    /// `whoami`: who acts (absent when nobody does) and on which cycle.
    public struct WhoAmIJSON: Encodable, Sendable {
        public var participant: ParticipantJSON?
        public var cycle: String?
        public init(participant: ParticipantJSON?, cycle: String?) {
            self.participant = participant
            self.cycle = cycle
        }
    }

    /// One row per participant, the last column wrapped within `width`.
    public static func table(_ team: Team, width: Int?) -> String {
        var table = TextTable(["ID", "NAME", "ROLES", "LOGIN", "EMAIL"], width: width)
        for p in team.participants {
            table.add([p.id, p.name, p.roles.joined(separator: ", "), p.login ?? "-", p.email ?? "-"])
        }
        return table.rendered
    }
}
