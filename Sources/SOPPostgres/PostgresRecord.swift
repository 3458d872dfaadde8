/// Putting sop's schema into a database the owner made (`createdb`), and telling whether it is there.
/// Filling it (workflow, team, meta) is `sop init`'s work through the store, like on SQLite; sealing the
/// genesis afterwards is `sealGenesis`.
public enum PostgresRecord {
    /// pg_current_xact_id() came in PostgreSQL 13 (sha256() in 11); sop is tested on 15 (Debian 12's).
    static let oldestServer = 130_000

    /// Creates every table, trigger and function in one transaction: all of it or, on any failure, none.
    public static func install(on session: PostgresSession) throws(PostgresFault) {
        let version = Int(try session.value("SELECT current_setting('server_version_num')") ?? "") ?? 0
        guard version >= oldestServer else {
            throw PostgresFault(
                "the server at \(session.address.server) runs PostgreSQL \(version / 10_000), older than sop needs",
                fix: "use PostgreSQL 13 or later (15 is what sop is tested on)")
        }
        // The hash is over UTF-8 bytes; a database in another encoding would store other bytes than it hashes.
        let encoding = try session.value("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")
        guard encoding == "UTF8" else {
            throw PostgresFault(
                "the database \(session.address.database) uses the encoding \(encoding ?? "unknown"), and sop's record needs UTF8",
                fix: "create it with createdb -E UTF8 -T template0 \(session.address.database)")
        }
        guard try !isInstalled(on: session) else {
            throw PostgresFault(
                "the database \(session.address.database) on \(session.address.server) already holds a sop record",
                fix: "use it as it is, or create a new database for a new record")
        }
        try session.transaction { () throws(PostgresFault) in try session.execute(PostgresSchema.statements) }
    }

    /// Whether the schema holds a record (`sop init` or `sop copy` filled it), not just the empty tables.
    public static func holdsRecord(on session: PostgresSession) throws(PostgresFault) -> Bool {
        try session.value("SELECT EXISTS (SELECT 1 FROM meta)") == "t"
    }

    /// Whether sop's tables are there (the `record_head` table is the last one made).
    public static func isInstalled(on session: PostgresSession) throws(PostgresFault) -> Bool {
        try session.value("SELECT to_regclass('public.record_head') IS NOT NULL") == "t"
    }

    /// Seals what the database was created with (meta and team), as SOPStore does at the end of `sop init`,
    /// and returns the genesis hash the first event links to.
    @discardableResult
    public static func sealGenesis(on session: PostgresSession) throws(PostgresFault) -> String {
        guard let hash = try session.value("SELECT sop_seal_genesis()") else {
            throw PostgresFault("the server returned no genesis hash", fix: "check that the database holds sop's schema (sop init)")
        }
        return hash
    }
}
