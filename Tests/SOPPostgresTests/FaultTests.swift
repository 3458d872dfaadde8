import Foundation
import SOPCore
import SOPPostgres
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a person sees when the server is down, the password wrong, a right missing or the session
/// ended: one sentence of what is wrong and one of how to fix it, never postgres-nio's internals.
@Suite("PostgreSQL failures in one clear sentence", .enabled(if: TestServer.available, TestServer.skipReason))
struct FaultTests {
    @Test func aServerThatIsNotThereIsNamedWithItsAddress() throws {
        var address = try TestServer.address()
        address.port = try unusedPort()
        let down = fault { _ = try PostgresSession.connect(address, environment: [:]) }
        #expect(down?.description == "cannot reach the PostgreSQL server at 127.0.0.1:\(address.port) (is it running? check --db)")
    }

    @Test func aWrongOrMissingPasswordSaysWhereThePasswordComesFrom() throws {
        let (name, owner) = try TestServer.freshRecord()
        defer { owner.close() }
        try TestServer.initialise(owner)
        try TestServer.createRoles(owner, database: name)
        let server = try TestServer.address().server
        let wrong = fault { _ = try TestServer.login("maria", password: "not-it", database: name) }
        #expect(wrong?.description == "the server at \(server) refused the password for maria (check PGPASSWORD, the pgpass file or the URL's password)")
        #expect(wrong?.sqlState == "28P01")

        var address = try TestServer.address(database: name)
        address.user = "maria"
        let none = fault { _ = try PostgresSession.connect(address, environment: [:]) }
        #expect(none?.description
            == "the server at \(server) asks for a password for maria and none was given (set PGPASSWORD, or add a line for it to the pgpass file (~/.pgpass or PGPASSFILE))")
    }

    @Test func thePgpassFileIsReadAndRefusedWhenOthersCanReadIt() throws {
        let (name, owner) = try TestServer.freshRecord()
        defer { owner.close() }
        try TestServer.initialise(owner)
        try TestServer.createRoles(owner, database: name)
        var address = try TestServer.address(database: name)
        address.user = "dan"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sop-pgpass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let line = "\(address.host):\(address.port):\(name):dan:\(TestServer.password)\n"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(("# sop tests\n" + line).utf8), attributes: [.posixPermissions: 0o600]))
        let dan = try PostgresSession.connect(address, environment: ["PGPASSFILE": file])
        #expect(try dan.value("SELECT session_user") == "dan")
        dan.close()

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let open = fault { _ = try PostgresSession.connect(address, environment: ["PGPASSFILE": file]) }
        #expect(open?.description == "the password file \(file) can be read or written by other accounts, so it is not used (chmod 600 \(file), as libpq requires)")
    }

    @Test func aMissingDatabaseAndAMissingRightAreNamed() throws {
        let missing = "no_such_db_\(getpid())"
        let server = try TestServer.address().server
        let nowhere = fault { _ = try TestServer.superuser(database: missing) }
        #expect(nowhere?.description == "there is no database \(missing) on \(server) (create it with createdb \(missing), or check the name in --db)")

        let (name, owner) = try TestServer.freshRecord()
        defer { owner.close() }
        try TestServer.initialise(owner)
        try TestServer.createRoles(owner, database: name)
        let maria = try TestServer.login("maria", password: TestServer.password, database: name)
        defer { maria.close() }
        let denied = fault { try maria.query("DELETE FROM events") }
        #expect(denied?.description
            == "maria may not do this on \(name): permission denied for table events (ask the database owner to run the grants that sop roles --sql prints)")
    }

    @Test func aSessionTheServerEndedSaysSoAndHowToGoOn() throws {
        let victim = try TestServer.superuser()
        defer { victim.close() }
        let pid = try #require(try victim.value("SELECT pg_backend_pid()"))
        let admin = try TestServer.superuser()
        defer { admin.close() }
        #expect(try admin.value("SELECT pg_terminate_backend($1::integer)", [pid]) == "t")
        // The server sends its reason, then closes; the next statement meets either.
        var ended: PostgresFault?
        for _ in 0..<50 {
            do {
                try victim.query("SELECT 1")
                Thread.sleep(forTimeInterval: 0.02)
            } catch {
                ended = error
                break
            }
        }
        let sentence = try #require(ended, "the terminated session kept answering").description
        let server = try TestServer.address().server
        #expect([
            "the PostgreSQL server at \(server) ended this session (terminating connection due to administrator command) "
                + "(an administrator terminated it or the server is shutting down; run the command again)",
            "the PostgreSQL server at \(server) closed the connection "
                + "(it may have been restarted or an administrator ended the session; run the command again)",
        ].contains(sentence), "\(sentence)")
    }

    /// A port on 127.0.0.1 that nothing listens on: bound, read and released.
    func unusedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        #expect(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
