import Foundation
import PostgresNIO
import SOPCore
import SOPStore

/// A failure talking to the shared store, as one sentence of what is wrong and one of how to fix it
/// (printed as `error: PROBLEM (FIX)` like every sop error). The SQLSTATE is kept so callers can tell a
/// refusal of the record's own triggers from a server in trouble.
public struct PostgresFault: StoreFailure, Equatable, CustomStringConvertible {
    public var problem: String
    public var fix: String
    /// The server's five-character code, when the server answered at all.
    public var sqlState: String?

    public init(_ problem: String, fix: String, sqlState: String? = nil) {
        (self.problem, self.fix, self.sqlState) = (problem, fix, sqlState)
    }

    public var description: String { "\(problem) (\(fix))" }

    /// One of the record's own triggers refused the write (history, the chain, who acts).
    public var isRefusal: Bool { sqlState == Self.recordRefusal || sqlState == Self.identityRefusal }

    /// SQLSTATEs sop's triggers raise (`RAISE ... USING ERRCODE`): the record refused a write.
    public static let recordRefusal = "SOP01"
    public static let identityRefusal = "SOP02"

    init(_ error: any Error, address: PostgresAddress, user: String, passwordGiven: Bool) {
        let server = address.server
        if error is PostgresSession.ConnectionEnded {
            self.init(
                "the PostgreSQL server at \(server) closed the connection",
                fix: "it may have been restarted or an administrator ended the session; run the command again")
            return
        }
        guard let error = error as? PSQLError else {
            // NIO's own errors arrive bare when the socket cannot even be opened.
            self.init("cannot reach the PostgreSQL server at \(server)", fix: "is it running? check --db")
            return
        }
        switch error.code {
        case .server:
            self = Self.fromServer(error, address: address, user: user)
        case .connectionError where error.underlying is NIOSSLError || error.underlying is BoringSSLError:
            // The server answered, but TLS did not come up: a certificate or name that does not check out.
            self.init(
                "the TLS handshake with the PostgreSQL server at \(server) failed",
                fix: "check that sslrootcert is the CA that signed the server's certificate and that it names \(address.host)")
        case .connectionError:
            self.init("cannot reach the PostgreSQL server at \(server)", fix: "is it running? check --db")
        // sop never uses a session after closing it, so a "client closed" connection is one postgres-nio
        // closed itself after the server ended the session: the same event for the person.
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            self.init(
                "the PostgreSQL server at \(server) closed the connection",
                fix: "it may have been restarted or an administrator ended the session; run the command again")
        case .authMechanismRequiresPassword:
            self.init(
                "the server at \(server) asks for a password for \(user) and none was given",
                fix: "set PGPASSWORD, or add a line for it to the pgpass file (~/.pgpass or PGPASSFILE)")
        case .unsupportedAuthMechanism:
            self.init(
                "the server at \(server) asks for a kind of password check sop cannot answer",
                fix: "ask the database owner to use scram-sha-256 or md5 for \(user) in pg_hba.conf")
        case .sslUnsupported:
            self.init(
                "the server at \(server) does not offer TLS, which sslmode=\(address.tls.rawValue) asks for",
                fix: "turn on ssl in the server's configuration, or use sslmode=disable on a trusted network")
        case .saslError:
            self.init(
                "the password exchange with \(server) failed for \(user)",
                fix: passwordGiven ? "check the password in PGPASSWORD, the pgpass file or the URL" : "give a password with PGPASSWORD or the pgpass file")
        default:
            self.init("talking to the PostgreSQL server at \(server) failed: \(error.code)", fix: "run the command again; if it repeats, check the server's log")
        }
    }

    /// The server answered with an error: the codes people meet get their own sentence, the rest the
    /// server's message with its code.
    private static func fromServer(_ error: PSQLError, address: PostgresAddress, user: String) -> PostgresFault {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "no message"
        let hint = error.serverInfo?[.hint]
        let server = address.server
        func fault(_ problem: String, _ fix: String) -> PostgresFault { PostgresFault(problem, fix: fix, sqlState: state) }
        switch state {
        case "28P01":
            return fault("the server at \(server) refused the password for \(user)", "check PGPASSWORD, the pgpass file or the URL's password")
        case "28000":
            return fault("the server at \(server) does not let \(user) connect: \(message)", "ask the database owner to allow \(user) in pg_hba.conf")
        case "3D000":
            return fault("there is no database \(address.database) on \(server)", "create it with createdb \(address.database), or check the name in --db")
        case "42501":
            return fault("\(user) may not do this on \(address.database): \(message)", "ask the database owner to run the grants that sop roles --sql prints")
        case "57P01", "57P02", "57P03":
            return fault(
                "the PostgreSQL server at \(server) ended this session (\(message))",
                "an administrator terminated it or the server is shutting down; run the command again")
        case "55P03":
            return fault("another writer held the record too long: \(message)", "run the command again")
        case "53300":
            return fault("the server at \(server) has no free connection slots", "close idle sessions or ask the database owner to raise max_connections")
        case recordRefusal, identityRefusal:
            return fault(message, hint ?? "the record refused this write")
        default:
            return fault("the PostgreSQL server at \(server) refused: \(message) (SQLSTATE \(state))", hint ?? "check the command and the server's log")
        }
    }
}
