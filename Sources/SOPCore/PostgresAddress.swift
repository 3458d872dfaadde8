import Foundation

/// Where a shared store lives: the `postgresql://` URL that `--db` and `SOP_DB` take (DESIGN, "Shared
/// store"). Parsing is pure so every form and every mistake is testable; the connection lives in
/// SOPPostgres. Kept in SOPCore because the shell, which may not reach the store, must still tell a URL
/// from a file path and print it without its password.
public struct PostgresAddress: Sendable, Equatable {
    /// libpq's `sslmode` values that sop takes. Without `sslmode`, `prefer` (libpq's default): TLS when
    /// the server offers it, else plain.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var user: String?
    /// Only a password written in the URL; `PostgresPassword` adds `PGPASSWORD` and the pgpass file.
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// `sslrootcert=FILE`: the CA certificate that `verify-full` checks the server against.
    public var rootCertificate: String?

    public static let defaultPort = 5432
    static let schemes = ["postgresql://", "postgres://"]

    public init(user: String? = nil, password: String? = nil, host: String, port: Int = defaultPort, database: String,
                tls: TLSMode = .prefer, rootCertificate: String? = nil) {
        (self.user, self.password, self.host, self.port, self.database) = (user, password, host, port, database)
        (self.tls, self.rootCertificate) = (tls, rootCertificate)
    }

    /// Whether `--db` names a server rather than a file: it starts with one of the two schemes.
    public static func isURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    /// The URL without its password, for messages and the access log (which keeps command lines):
    /// `postgresql://maria@db.example:5432/sop?sslmode=require`.
    public var redacted: String {
        var text = "postgresql://"
        if let user { text += Self.encode(user) + (password == nil ? "" : ":***") + "@" }
        text += (host.contains(":") ? "[\(host)]" : host) + ":\(port)/" + Self.encode(database)
        var options: [String] = []
        if tls != .prefer { options.append("sslmode=\(tls.rawValue)") }
        if let rootCertificate { options.append("sslrootcert=\(rootCertificate)") }
        return options.isEmpty ? text : text + "?" + options.joined(separator: "&")
    }

    /// `HOST:PORT`, as the connection errors name the server.
    public var server: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// Reads `postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME[?sslmode=...&sslrootcert=FILE]`.
    public static func parse(_ url: String) throws(PostgresAddressError) -> PostgresAddress {
        let form = "write postgresql://[USER@]HOST[:PORT]/DBNAME"
        guard let scheme = schemes.first(where: { url.lowercased().hasPrefix($0) }) else {
            throw PostgresAddressError("'\(shown(url))' is not a PostgreSQL URL", fix: form)
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") { (query, rest) = (rest[rest.index(after: mark)...], rest[..<mark]) }
        guard let slash = rest.firstIndex(of: "/") else {
            throw PostgresAddressError("the URL '\(shown(url))' names no database", fix: form)
        }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        guard !databaseText.isEmpty, !databaseText.contains("/") else {
            throw PostgresAddressError("the URL '\(shown(url))' names no database after the host", fix: form)
        }
        var address = PostgresAddress(host: "", database: try decode(databaseText, "database name", url))

        // The user part ends at the last `@`: a password may contain one only percent-encoded, as in libpq.
        var hostPart = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                address.user = try decode(userInfo[..<colon], "user name", url)
                address.password = try decode(userInfo[userInfo.index(after: colon)...], "password", url)
            } else {
                address.user = try decode(userInfo, "user name", url)
            }
            if address.user?.isEmpty == true {
                throw PostgresAddressError("the URL '\(shown(url))' has an empty user name before '@'", fix: "write USER@HOST, or leave out the '@'")
            }
        }
        try address.readHost(hostPart, url)
        try address.readOptions(query, url)
        return address
    }

    private mutating func readHost(_ text: Substring, _ url: String) throws(PostgresAddressError) {
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw PostgresAddressError("the IPv6 address in '\(Self.shown(url))' has no closing ']'", fix: "write postgresql://USER@[::1]:5432/DBNAME")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw PostgresAddressError("unexpected '\(after)' after the IPv6 address in '\(Self.shown(url))'", fix: "write [ADDRESS]:PORT")
                }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        } else {
            host = String(text)
        }
        guard !host.isEmpty else {
            throw PostgresAddressError(
                "the URL '\(Self.shown(url))' names no host", fix: "write the server's name or address, e.g. postgresql://USER@127.0.0.1/DBNAME")
        }
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else {
                throw PostgresAddressError("'\(portText)' in '\(Self.shown(url))' is not a port number", fix: "give a port from 1 to 65535, or leave it out for 5432")
            }
            port = number
        }
    }

    private mutating func readOptions(_ query: Substring, _ url: String) throws(PostgresAddressError) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1], name, url) : ""
            switch name {
            case "sslmode":
                let takes = "use sslmode=disable, require or verify-full"
                guard let mode = TLSMode(rawValue: value) else {
                    throw PostgresAddressError("sslmode '\(value)' is not one sop takes", fix: takes)
                }
                tls = mode
            case "sslrootcert":
                guard !value.isEmpty else { throw PostgresAddressError("sslrootcert names no file", fix: "write sslrootcert=PATH-TO-CA.pem") }
                rootCertificate = value
            default:
                throw PostgresAddressError("the URL option '\(name)' is not one sop takes", fix: "use only sslmode and sslrootcert")
            }
        }
        if rootCertificate != nil, tls != .verifyFull {
            throw PostgresAddressError(
                "sslrootcert is only used with sslmode=verify-full", fix: "add sslmode=verify-full so the server's certificate is checked against it")
        }
    }

    /// Percent-decoding, as URLs carry `@`, `:` and `/` inside names and passwords.
    private static func decode(_ text: Substring, _ what: String, _ url: String) throws(PostgresAddressError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresAddressError("the \(what) in '\(shown(url))' has a broken %-escape", fix: "write each special character as %XX, e.g. %40 for @")
        }
        return decoded
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.urlUserAllowed
        allowed.remove(charactersIn: ":@/?#[]")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// One word of a command line as the access log may keep it: a URL (alone or as `--db=URL`) with
    /// its password replaced; any other word as it is.
    public static func redactingPassword(in word: String) -> String {
        if isURL(word) { return shown(word) }
        if word.hasPrefix("--db="), isURL(String(word.dropFirst(5))) { return "--db=" + shown(String(word.dropFirst(5))) }
        return word
    }

    /// A URL as an error may quote it: the password replaced, since errors reach the terminal and logs.
    static func shown(_ url: String) -> String {
        guard let scheme = schemes.first(where: { url.lowercased().hasPrefix($0) }) else { return url }
        let rest = url.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url.prefix(scheme.count)) + rest[..<colon] + ":***" + rest[at...]
    }
}

/// What is wrong with a URL or its password, and how to fix it.
public struct PostgresAddressError: Error, Equatable, CustomStringConvertible {
    public var problem: String
    public var fix: String

    public init(_ problem: String, fix: String) { (self.problem, self.fix) = (problem, fix) }

    public var description: String { "\(problem) (\(fix))" }
}
