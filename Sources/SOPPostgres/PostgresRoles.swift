import SOPCore

/// `sop roles --sql`: the SQL the database owner runs with `psql` to give each participant a LOGIN role
/// named by their `login`, holding only what sop needs (DESIGN, "Shared store"). Pure: from the team
/// and the database's name. It sets no password: the owner sets each one (`\password LOGIN` in psql), so
/// none is ever printed. Running it again after a team change is safe: roles are created only when
/// missing, and each one's rights are revoked and granted anew.
public enum PostgresRoles {
    public static func sql(team: Team, database: String) -> String {
        var lines = [
            "-- sop roles --sql: one LOGIN role per participant with a login, with only the rights sop needs.",
            "-- Run as the database owner: psql -d \(database) -f roles.sql; then set each password: \\password LOGIN",
            "BEGIN;",
        ]
        for participant in team.participants {
            guard let login = participant.login, !login.isEmpty else {
                lines.append("-- \(comment(participant.id)) has no login in the team file, so gets no role (add login: to let them connect)")
                continue
            }
            lines += ["", "-- \(comment(participant.id)): \(comment(participant.name)) (\(comment(participant.roles.joined(separator: ", "))))"]
            lines += grants(login: login, database: database).map { $0 + ";" }
        }
        lines += ["", "COMMIT;"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same statements without comments or the transaction, for a caller that runs them itself.
    public static func statements(team: Team, database: String) -> [String] {
        team.participants.flatMap { participant -> [String] in
            guard let login = participant.login, !login.isEmpty else { return [] }
            return grants(login: login, database: database)
        }
    }

    static func grants(login: String, database: String) -> [String] {
        let tables = PostgresSchema.tables
        let role = identifier(login)
        let create = "BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal(login))) THEN CREATE ROLE \(role) LOGIN; END IF; END"
        let quote = dollarQuote(for: create)
        return [
            "DO \(quote) \(create) \(quote)",
            // Exactly these rights, whatever the role held before.
            "REVOKE ALL ON \(tables.map(\.name).joined(separator: ", ")), record_head FROM \(role)",
            "GRANT CONNECT ON DATABASE \(identifier(database)) TO \(role)",
            "GRANT USAGE ON SCHEMA public TO \(role)",
            "GRANT SELECT ON \(tables.map(\.name).joined(separator: ", ")) TO \(role)",
            "GRANT INSERT ON \(tables.filter(\.written).map(\.name).joined(separator: ", ")) TO \(role)",
            "GRANT UPDATE ON \(tables.filter(\.updated).map(\.name).joined(separator: ", ")) TO \(role)",
            "GRANT EXECUTE ON FUNCTION \(PostgresSchema.participantFunctions.joined(separator: ", ")) TO \(role)",
        ]
    }

    /// A dollar-quote tag that does not occur in `body`, so no login can end the DO block early.
    static func dollarQuote(for body: String) -> String {
        var tag = "$sop$"
        var n = 0
        while body.contains(tag) { n += 1; tag = "$sop\(n)$" }
        return tag
    }

    /// A double-quoted identifier, so a login like `maria.lopez` or `Dan` is taken as written.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A single-quoted string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Text from the team file inside a `--` comment: one line, whatever it holds.
    static func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
