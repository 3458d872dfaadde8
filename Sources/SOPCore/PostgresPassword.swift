/// Where the password for a shared store comes from, in libpq's order: the URL, `PGPASSWORD`, then the
/// first matching line of the pgpass file. Pure: the caller reads the environment and the file, so the
/// format and the permission rule are tested without touching the disk.
public enum PostgresPassword {
    /// The pgpass file as read from disk: its path (for messages), text and permission bits.
    public struct PassFile: Sendable, Equatable {
        public var path: String
        public var contents: String
        public var permissions: UInt16

        public init(path: String, contents: String, permissions: UInt16) {
            (self.path, self.contents, self.permissions) = (path, contents, permissions)
        }
    }

    /// The password to send for `user` at `address`, or nil to send none (the server may need none).
    /// Refused like libpq refuses it: a pgpass file that the group or others may read or write is never
    /// used, since it holds secrets in the clear.
    public static func resolve(
        for address: PostgresAddress, user: String, environment: [String: String], passFile: PassFile?
    ) throws(PostgresAddressError) -> String? {
        if let password = address.password { return password }
        if let password = environment["PGPASSWORD"] { return password }
        guard let passFile else { return nil }
        guard passFile.permissions & 0o077 == 0 else {
            throw PostgresAddressError(
                "the password file \(passFile.path) can be read or written by other accounts, so it is not used",
                fix: "chmod 600 \(passFile.path), as libpq requires")
        }
        return lookUp(passFile.contents, host: address.host, port: address.port, database: address.database, user: user)
    }

    /// The pgpass file sop reads: `PGPASSFILE`, else `~/.pgpass` (nil when there is no home folder).
    public static func passFilePath(environment: [String: String]) -> String? {
        if let path = environment["PGPASSFILE"], !path.isEmpty { return path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + (home.hasSuffix("/") ? "" : "/") + ".pgpass"
    }

    /// The password of the first line `hostname:port:database:username:password` that matches; `*`
    /// matches anything in the first four fields, `\:` and `\\` stand for `:` and `\`, `#` starts a comment.
    public static func lookUp(_ contents: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in field.text == "*" && !field.escaped || field.text == value }
            if matches { return fields[4].text }
        }
        return nil
    }

    private struct Field { var text = ""; var escaped = false }

    /// One line's five fields with the escapes undone; the password is the rest of the line, colons and
    /// all, as libpq reads it. `escaped` marks a field with an escape, so `\*` is a literal star.
    private static func split(_ line: Substring) -> [Field] {
        var fields = [Field()]
        var escaping = false
        for character in line {
            if escaping {
                fields[fields.count - 1].text.append(character)
                fields[fields.count - 1].escaped = true
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ":", fields.count < 5 {
                fields.append(Field())
            } else {
                fields[fields.count - 1].text.append(character)
            }
        }
        return fields
    }
}
