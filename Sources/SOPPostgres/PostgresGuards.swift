import SOPStore

/// What `audit verify` finds weakened on the server: a guard trigger dropped or disabled (a superuser's
/// `ALTER TABLE ... DISABLE TRIGGER`), a participant's login holding a right sop never grants, or a
/// participant's login that is a superuser (who can rewrite history whatever the triggers say).
enum PostgresGuards {
    /// Every trigger the schema makes, by table, read from the schema's own statements.
    static var expectedTriggers: [(table: String, name: String)] {
        PostgresSchema.statements.compactMap { statement in
            let words = statement.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count > 2, words[0] == "CREATE", words[1] == "TRIGGER", let on = words.firstIndex(of: "ON"), on + 1 < words.count
            else { return nil }
            return (words[on + 1], words[2])
        }
    }

    static func weakened(_ sql: PostgresExecutor) throws -> [(table: String, problem: String)] {
        var problems: [(table: String, problem: String)] = []
        var state: [String: String] = [:]
        for row in try sql.rows(
            "SELECT t.tgname::text, t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal", [])
        {
            if let name = row.text(0), let enabled = row.text(1) { state[name] = enabled }
        }
        for expected in expectedTriggers {
            switch state[expected.name] {
            case nil:
                problems.append((expected.table, "the trigger \(expected.name) is gone: someone removed a guard the server keeps on \(expected.table)"))
            case "D":
                problems.append((expected.table, "the trigger \(expected.name) is disabled: the server no longer guards \(expected.table) with it"))
            default: break
            }
        }
        let allowed = Dictionary(uniqueKeysWithValues: PostgresSchema.tables.map { ($0.name, $0) })
        let tables = PostgresSchema.tables.map(\.name) + ["record_head"]
        let granted = try sql.rows(
            """
            SELECT r.rolname::text, r.rolsuper, t.name, p.privilege
            FROM participants pa JOIN pg_roles r ON r.rolname = pa.login
            CROSS JOIN unnest(string_to_array(?, ',')) AS t(name)
            CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(privilege)
            WHERE has_table_privilege(r.rolname, t.name, p.privilege) AND r.rolname <> (SELECT tableowner FROM pg_tables WHERE tablename = 'events')
            ORDER BY 1, 3, 4
            """,
            [tables.joined(separator: ",")])
        var superusers = Set<String>()
        for row in granted {
            guard let login = row.text(0), let table = row.text(2), let right = row.text(3) else { continue }
            if row.bool(1) == true {
                if superusers.insert(login).inserted {
                    problems.append(("participants", "the login \(login) is a superuser: it can disable the triggers and rewrite the record"))
                }
                continue
            }
            let rule = allowed[table]
            let permitted = switch right {
            case "INSERT": rule?.written ?? false
            case "UPDATE": rule?.updated ?? false
            default: false
            }
            if !permitted {
                problems.append((table, "the login \(login) holds \(right) on \(table), which sop never grants (run sop roles --sql again)"))
            }
        }
        return problems
    }
}
