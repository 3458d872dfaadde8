import SOPCore
import Yams

/// Reads a team file: the participants, their roles and the logins that identify them.
struct TeamReader {
    let nodes: NodeReader
    /// When given, every role a participant holds must exist in it.
    let workflow: Workflow?

    static let personKeys = ["id", "name", "roles", "login", "email"]

    private var log: DiagnosticLog { nodes.log }

    /// The team, or nil when anything was wrong (every problem is in the log).
    func read(_ root: Node) -> Team? {
        if root.mappingHas("workflow"), !root.mappingHas("team") {
            log.error("this is a workflow file, not a team file (a team file starts with `team:`)", at: root.position)
            return nil
        }
        let example = "`- { id: maria, name: Maria Lopez, roles: [leader], login: maria }`"
        guard
            let top = nodes.fields(
                root, of: "the team file", allowed: ["team", "identity"],
                hint: "a team file holds `team:` and, optionally, `identity:`"),
            let node = nodes.require(
                "team", in: top, "missing required key 'team' (add `team:` with a list of participants like \(example))"),
            let items = nodes.list(node, "team", hint: "list participants like \(example)")
        else { return nil }
        if items.isEmpty {
            log.error("team is empty (add at least one participant, like \(example))", at: top.keyPosition("team"))
        }

        let identity = top["identity"].flatMap(readIdentity) ?? .declared

        var participants: [Participant] = []
        var ids: [String: Position] = [:]
        var logins: [String: (owner: String, position: Position)] = [:]
        for (offset, item) in items.enumerated() {
            guard let person = readParticipant(item, number: offset + 1) else { continue }
            let participant = person.participant
            // Under `identity: os` the login is the only way to act: a participant without one could
            // never do anything, which is a mistake in the file rather than a choice.
            if identity.isBound, participant.login == nil {
                let account = identity == .database
                    ? "`login: USER`, the database user they connect as" : "`login: ACCOUNT`, the operating-system account they run sop under"
                log.error("participant '\(participant.id)' has no login, which `identity: \(identity.rawValue)` needs (add \(account))", at: item.position)
            }
            if let first = ids[participant.id] {
                log.error(
                    "duplicate participant id '\(participant.id)' (it was already used at line \(first.line); "
                        + "give each person their own id)",
                    at: person.idPosition)
                continue
            }
            ids[participant.id] = person.idPosition
            if let login = participant.login, let loginPosition = person.loginPosition {
                if let first = logins[login] {
                    log.error(
                        "duplicate login '\(login)' (participant '\(first.owner)' at line \(first.position.line) "
                            + "already has it; a login must identify one person)",
                        at: loginPosition)
                } else {
                    logins[login] = (participant.id, loginPosition)
                }
            }
            participants.append(participant)
        }
        let team = Team(participants: participants, identity: identity)
        if workflow != nil, !items.isEmpty {
            for role in TeamFit.missingRequiredRoles(in: team) {
                log.error(
                    "nobody on the team holds the \(role) role (give at least one participant `roles: [\(role)]`; "
                        + "\(TeamFit.purpose(of: role)))",
                    at: top.keyPosition("team"))
            }
        }
        guard log.isEmpty else { return nil }
        return team
    }

    /// `identity: declared | os | database`.
    private func readIdentity(_ node: Node) -> IdentityMode? {
        let choices = IdentityMode.allCases.map(\.rawValue)
        let hint = "write `identity: declared` (the default: --as and `as` name who acts), `identity: os` "
            + "(each participant acts only from the account in their `login`) or `identity: database` "
            + "(on a shared PostgreSQL record: only as the participant whose `login` is the connection's database user)"
        guard let value = nodes.text(node, "identity", hint: hint) else { return nil }
        guard let mode = IdentityMode(rawValue: value) else {
            log.error(
                "unknown identity '\(value)' (\(Hints.didYouMean(value, among: choices))it is one of: \(Hints.list(choices)); \(hint))",
                at: node.position)
            return nil
        }
        return mode
    }

    private func readParticipant(
        _ node: Node, number: Int
    ) -> (participant: Participant, idPosition: Position, loginPosition: Position?)? {
        let label = node.peek("id").map { "participant '\($0)'" } ?? "participant #\(number)"
        guard
            let fields = nodes.fields(
                node, of: label, allowed: Self.personKeys,
                hint: "a participant needs id, name and roles; optional: login, email"),
            let idNode = nodes.require("id", in: fields, "\(label) has no id (add `id: ...`, e.g. `id: maria`)"),
            let id = nodes.id(idNode, "participant id", example: "maria")
        else { return nil }

        let name = nodes.require("name", in: fields, "\(label) has no name (add `name: ...`, e.g. `name: Maria Lopez`)")
            .flatMap { nodes.text($0, "name of \(label)", hint: "write it like `name: Maria Lopez`") }

        var roles: [String] = []
        if let node = nodes.require(
            "roles", in: fields, "\(label) has no roles (add `roles: [ROLE, ...]`\(roleListing))"),
            let words = nodes.words(node, "roles of \(label)", hint: "write it like `roles: [demand]`")
        {
            if node.isEmptyList {
                log.error(
                    "\(label) has empty roles (give them at least one role, e.g. `roles: [demand]`\(roleListing))",
                    at: node.isNull ? fields.keyPosition("roles") : node.position)
            }
            for word in words {
                checkRole(word, of: label)
            }
            roles = words.map(\.value)
        }

        let login = fields["login"].flatMap {
            nodes.text($0, "login of \(label)", hint: "write the operating-system account name, e.g. `login: maria`")
        }
        var email: String?
        if let node = fields["email"], let value = nodes.text(node, "email of \(label)", hint: "write it like `email: maria@example.com`") {
            if !value.contains("@") {
                log.error("bad email '\(value)' for \(label) (write it like maria@example.com)", at: node.position)
            }
            email = value
        }

        guard let name else { return nil }
        let participant = Participant(id: id, name: name, roles: roles, login: login, email: email)
        return (participant, idNode.position, fields["login"]?.position)
    }

    private var roleListing: String {
        guard let workflow else { return "" }
        return "; roles in workflow '\(workflow.id)' are: \(Hints.list(workflow.roles.map(\.id)))"
    }

    /// Without a workflow only the spelling can be checked; with one, the role must exist in it.
    private func checkRole(_ role: Located<String>, of label: String) {
        guard let workflow else {
            if !Hints.isID(role.value) {
                log.error("bad role id '\(role.value)' for \(label) (\(Hints.idRule), e.g. demand)", at: role.position)
            }
            return
        }
        let ids = workflow.roles.map(\.id)
        if !ids.contains(role.value) {
            log.error(
                "unknown role '\(role.value)' for \(label) (\(Hints.didYouMean(role.value, among: ids))"
                    + "roles in workflow '\(workflow.id)' are: \(Hints.list(ids)))",
                at: role.position)
        }
    }
}
