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

    /// Why nobody acts: the OS account is not on the team (the sentence says whose), or nobody was
    /// chosen (the fix names the way that works where the user is).
    public enum Nobody {
        case accountNotOnTeam(String)
        case notChosen(repl: Bool)
    }

    public static func whoami(_ me: Participant?, nobody: Nobody = .notChosen(repl: false), cycle: String?) -> Reply {
        let on = cycle ?? "none"
        guard let me else {
            let json = WhoAmIJSON(participant: nil, cycle: cycle)
            switch nobody {
            case .accountNotOnTeam(let why): return Reply("Nobody is acting: \(why). Cycle: \(on).", json: json)
            case .notChosen(let repl):
                let how = repl ? "`as PARTICIPANT`" : "--as PARTICIPANT or SOP_USER"
                return Reply("Nobody is acting; choose with \(how). Cycle: \(on).", json: json)
            }
        }
        return Reply(
            "\(me.id) (\(me.name)): \(me.roles.joined(separator: ", ")), acting on cycle \(on)",
            json: WhoAmIJSON(participant: ParticipantJSON(me), cycle: cycle))
    }

    /// What `as ID` answers before the greeting.
    public static func nowActing(as id: String, _ me: Participant?) -> String {
        "Now acting as \(id) (\(me?.name ?? id): \(me?.roles.joined(separator: ", ") ?? ""))."
    }
}
