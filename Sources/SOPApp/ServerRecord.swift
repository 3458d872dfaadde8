import Foundation
import SOPCore
import SOPPostgres
import SOPStore

/// A record on a PostgreSQL server (`--db postgresql://...`): opened on an existing database that holds
/// sop's schema, or set up there by `sop init`. The database itself is the owner's to create
/// (`createdb`); sop never creates one on first use as it does a file, because a URL that is a typo
/// must not start a second record beside the team's.
public enum ServerRecord {
    /// Opens the record at `url`; the database must already hold one (`sop init --db URL` makes it).
    public static func open(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShellError) -> SOPDatabase {
        let (address, session) = try connect(url, environment: environment)
        do {
            guard try PostgresRecord.isInstalled(on: session) else {
                session.close()
                throw ShellError.failed(
                    "the database \(address.database) on \(address.server) holds no sop record",
                    fix: "set it up once with `sop --db \(address.redacted) init`, or check the database name in --db")
            }
        } catch let fault as PostgresFault {
            throw ShellError.failed(fault.problem, fix: fault.fix)
        } catch let error as ShellError { throw error } catch { throw ShellError.failed("\(error)", fix: "check --db") }
        return try database(session, address)
    }

    /// `sop init --db URL`: puts sop's schema into the owner's existing database and fills it with the
    /// workflow and team, the schema and the first transaction each all or nothing.
    public static func create(_ url: String, starter: DatabaseSetup.Starter, now: Date,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShellError) -> SOPDatabase {
        let (database, address) = try empty(url, environment: environment)
        do {
            try database.initialize(workflow: starter.workflow, team: starter.team, at: now)
        } catch {
            throw StorageTrouble.error(error, path: address.redacted, moment: .creating)
                ?? .failed("cannot set up the record in \(address.database) on \(address.server): \(error)", fix: "check that the owner's login runs sop init")
        }
        return database
    }

    /// The database at `url` with sop's schema and no record in it yet: the schema is installed when
    /// missing (a schema left empty by an init or copy that failed midway is used as it is).
    public static func empty(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShellError) -> (SOPDatabase, PostgresAddress) {
        let (address, session) = try connect(url, environment: environment)
        do throws(PostgresFault) {
            if try !PostgresRecord.isInstalled(on: session) {
                try PostgresRecord.install(on: session)
            } else if try PostgresRecord.holdsRecord(on: session) {
                throw PostgresFault(
                    "the database \(address.database) on \(address.server) already holds a sop record",
                    fix: "use it as it is, or create a new database (createdb) for a new record")
            }
        } catch {
            session.close()
            throw ShellError.failed(error.problem, fix: error.fix)
        }
        return (try database(session, address), address)
    }

    /// `sop roles --sql`: the grants a database owner runs to give each participant their login.
    public static func rolesSQL(team: Team, database: String) -> String {
        PostgresRoles.sql(team: team, database: database)
    }

    static func database(_ session: PostgresSession, _ address: PostgresAddress) throws(ShellError) -> SOPDatabase {
        do {
            return SOPDatabase(backend: try PostgresBackend(session: session), description: address.redacted)
        } catch {
            session.close()
            throw ShellError.failed(error.problem, fix: error.fix)
        }
    }

    static func connect(_ url: String, environment: [String: String]) throws(ShellError) -> (PostgresAddress, PostgresSession) {
        let address: PostgresAddress
        do { address = try PostgresAddress.parse(url) } catch {
            throw ShellError.usage(error.problem, fix: error.fix)
        }
        do {
            return (address, try PostgresSession.connect(address, environment: environment))
        } catch {
            throw ShellError.failed(error.problem, fix: error.fix)
        }
    }
}
