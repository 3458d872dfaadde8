import Foundation
import SOPCore

/// Who connects and with which password, found as libpq finds them: the URL's user, else `PGUSER`, else
/// the operating-system account; the password from the URL, `PGPASSWORD` or the pgpass file. This is the
/// file and environment reading around SOPCore's pure `PostgresPassword`.
extension PostgresSession {
    /// Connects to `address` as libpq would with the same URL and environment.
    public static func connect(
        _ address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PostgresFault) -> PostgresSession {
        let user = address.user ?? environment["PGUSER"] ?? environment["USER"] ?? NSUserName()
        let password: String?
        do {
            password = try PostgresPassword.resolve(for: address, user: user, environment: environment, passFile: passFile(environment))
        } catch {
            throw PostgresFault(error.problem, fix: error.fix)
        }
        return try connect(address, user: user, password: password)
    }

    /// The pgpass file if there is one to read; an unreadable one is as good as none, as for libpq.
    static func passFile(_ environment: [String: String]) -> PostgresPassword.PassFile? {
        guard let path = PostgresPassword.passFilePath(environment: environment),
              let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let permissions = (attributes[.posixPermissions] as? NSNumber)?.uint16Value,
              let contents = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        return PostgresPassword.PassFile(path: path, contents: contents, permissions: permissions)
    }
}
