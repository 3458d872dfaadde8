import SOPCore
import Testing

/// `--db postgresql://...`: every form the DESIGN pins, every mistake with its fix, and a password that
/// never shows in a description. Pure: no server needed.
@Suite("PostgreSQL URLs and passwords")
struct AddressTests {
    @Test func theFullFormIsRead() throws {
        let address = try PostgresAddress.parse("postgresql://maria:s%40cret@db.example:6543/sop_prod?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(address == PostgresAddress(
            user: "maria", password: "s@cret", host: "db.example", port: 6543, database: "sop_prod", tls: .verifyFull,
            rootCertificate: "/etc/ca.pem"))
    }

    @Test func theShortFormsTakeLibpqsDefaults() throws {
        let address = try PostgresAddress.parse("postgres://127.0.0.1/sop")
        #expect(address.user == nil && address.password == nil)
        #expect(address.port == 5432 && address.tls == .prefer && address.database == "sop")
        #expect(try PostgresAddress.parse("postgresql://dan@[::1]:5433/sop") == PostgresAddress(user: "dan", host: "::1", port: 5433, database: "sop"))
        #expect(try PostgresAddress.parse("POSTGRESQL://h/d?sslmode=disable").tls == .disable)
        #expect(try PostgresAddress.parse("postgresql://h/d?sslmode=require").tls == .require)
    }

    @Test func aURLIsToldFromAPath() {
        #expect(PostgresAddress.isURL("postgresql://h/d"))
        #expect(PostgresAddress.isURL("postgres://h/d"))
        #expect(!PostgresAddress.isURL("./sop.db"))
        #expect(!PostgresAddress.isURL("postgresql.db"))
    }

    @Test(arguments: [
        ("mysql://h/d", "is not a PostgreSQL URL"),
        ("postgresql://h", "names no database"),
        ("postgresql://h/", "names no database after the host"),
        ("postgresql://h/d/e", "names no database after the host"),
        ("postgresql:///d", "names no host"),
        ("postgresql://u@:5432/d", "names no host"),
        ("postgresql://h:0/d", "is not a port number"),
        ("postgresql://h:70000/d", "is not a port number"),
        ("postgresql://h:54x/d", "is not a port number"),
        ("postgresql://[::1/d", "has no closing ']'"),
        ("postgresql://@h/d", "empty user name"),
        ("postgresql://h/d?sslmode=allow", "sslmode 'allow' is not one sop takes"),
        ("postgresql://h/d?host=/tmp", "the URL option 'host' is not one sop takes"),
        ("postgresql://h/d?sslrootcert=/ca.pem", "only used with sslmode=verify-full"),
        ("postgresql://h/d?sslmode=verify-full&sslrootcert=", "names no file"),
        ("postgresql://u%zz@h/d", "broken %-escape"),
    ])
    func eachMistakeSaysWhatIsWrongAndHowToFixIt(url: String, says: String) {
        do {
            _ = try PostgresAddress.parse(url)
            Issue.record("\(url) was taken")
        } catch {
            #expect(error.problem.contains(says), "\(url): \(error)")
            #expect(!error.fix.isEmpty)
        }
    }

    @Test func thePasswordIsNeverInWhatIsShown() throws {
        let url = "postgresql://maria:hunter2@db.example/sop?sslmode=require"
        let address = try PostgresAddress.parse(url)
        #expect(address.redacted == "postgresql://maria:***@db.example:5432/sop?sslmode=require")
        #expect(!address.redacted.contains("hunter2"))
        #expect(!String(describing: address.redacted).contains("hunter2"))
        // An error quoting a broken URL hides its password too.
        do {
            _ = try PostgresAddress.parse("postgresql://maria:hunter2@db.example:99999/sop")
            Issue.record("port 99999 was taken")
        } catch {
            #expect(!error.description.contains("hunter2"), "\(error)")
            #expect(error.description.contains("maria:***@"), "\(error)")
        }
        #expect(try PostgresAddress.parse("postgresql://dan@[::1]/sop").redacted == "postgresql://dan@[::1]:5432/sop")
        #expect(try PostgresAddress.parse("postgresql://h/d").server == "h:5432")
    }

    // MARK: passwords

    let address = PostgresAddress(host: "db.example", port: 5432, database: "sop")

    @Test func theURLsPasswordComesFirstThenPGPASSWORDThenThePassFile() throws {
        let file = PostgresPassword.PassFile(path: "/home/m/.pgpass", contents: "db.example:5432:sop:maria:fromfile\n", permissions: 0o600)
        var withPassword = address
        withPassword.password = "fromurl"
        #expect(try PostgresPassword.resolve(for: withPassword, user: "maria", environment: ["PGPASSWORD": "fromenv"], passFile: file) == "fromurl")
        #expect(try PostgresPassword.resolve(for: address, user: "maria", environment: ["PGPASSWORD": "fromenv"], passFile: file) == "fromenv")
        #expect(try PostgresPassword.resolve(for: address, user: "maria", environment: [:], passFile: file) == "fromfile")
        #expect(try PostgresPassword.resolve(for: address, user: "dan", environment: [:], passFile: file) == nil)
        #expect(try PostgresPassword.resolve(for: address, user: "maria", environment: [:], passFile: nil) == nil)
    }

    @Test func thePassFileMatchesLineByLineWithWildcardsAndEscapes() {
        let contents = """
            # comment:*:*:*:never
            other.example:5432:sop:maria:wrong-host
            db.example:5433:sop:maria:wrong-port
            db.example:5432:sop:dan:dans
            *:*:sop\\:x:maria:escaped-colon
            \\*:5432:sop:maria:literal-star
            *:5432:*:maria:pass:with:colons
            *:*:*:maria:too-late
            """
        func look(_ host: String, _ port: Int = 5432, _ database: String = "sop", _ user: String = "maria") -> String? {
            PostgresPassword.lookUp(contents, host: host, port: port, database: database, user: user)
        }
        #expect(look("db.example") == "pass:with:colons")
        #expect(look("db.example", 5432, "sop", "dan") == "dans")
        #expect(look("db.example", 5432, "sop:x") == "escaped-colon")
        #expect(look("*") == "literal-star")
        #expect(look("db.example", 6000) == "too-late")
        #expect(look("db.example", 5432, "sop", "sam") == nil)
    }

    @Test func aPassFileOthersCanReadIsRefusedAsLibpqDoes() throws {
        for permissions: UInt16 in [0o640, 0o604, 0o660, 0o666, 0o602] {
            let file = PostgresPassword.PassFile(path: "/home/m/.pgpass", contents: "*:*:*:*:secret\n", permissions: permissions)
            do {
                _ = try PostgresPassword.resolve(for: address, user: "maria", environment: [:], passFile: file)
                Issue.record("mode \(String(permissions, radix: 8)) was used")
            } catch {
                #expect(error.problem.contains("/home/m/.pgpass can be read or written by other accounts"))
                #expect(error.fix == "chmod 600 /home/m/.pgpass, as libpq requires")
            }
        }
        // Not consulted at all when the password comes from elsewhere.
        let open = PostgresPassword.PassFile(path: "/p", contents: "*:*:*:*:secret\n", permissions: 0o644)
        #expect(try PostgresPassword.resolve(for: address, user: "maria", environment: ["PGPASSWORD": "env"], passFile: open) == "env")
        let owner = PostgresPassword.PassFile(path: "/p", contents: "*:*:*:*:secret\n", permissions: 0o400)
        #expect(try PostgresPassword.resolve(for: address, user: "maria", environment: [:], passFile: owner) == "secret")
    }

    @Test func thePassFileIsPGPASSFILEElseTheHomeFolders() {
        #expect(PostgresPassword.passFilePath(environment: ["PGPASSFILE": "/etc/sop.pgpass", "HOME": "/home/m"]) == "/etc/sop.pgpass")
        #expect(PostgresPassword.passFilePath(environment: ["HOME": "/home/m"]) == "/home/m/.pgpass")
        #expect(PostgresPassword.passFilePath(environment: ["HOME": "/home/m/"]) == "/home/m/.pgpass")
        #expect(PostgresPassword.passFilePath(environment: [:]) == nil)
    }
}
