/// The server's side of the audit chain (SOPStore's `AuditChain`): the same plain-text link, computed by
/// the database with `sha256()`, so a client that skips sop, or writes out of order, cannot leave a
/// chain that does not verify. Functions that touch the head or read the team run as their owner
/// (`SECURITY DEFINER`, with a fixed search_path so a caller cannot slip in look-alike tables).
extension PostgresSchema {
    /// `SET search_path` for every function: pg_catalog first, then the record's own schema.
    static let path = "SET search_path = pg_catalog, public"

    /// A link as `AuditChain.link` makes it: SHA-256 over `prev`, the key, then each field, joined by
    /// newlines, a NULL as empty, hashed as UTF-8 and written as lowercase hex.
    static func linkSQL(_ parts: [String]) -> String {
        "encode(sha256(convert_to(" + parts.map { "coalesce(\($0), '')" }.joined(separator: " || E'\\n' || ") + ", 'UTF8')), 'hex')"
    }

    /// The SQL that checks and links a new row of one ledger inside its BEFORE INSERT trigger.
    static func linkFunction(ledger: String, key: String, fields: [String], noun: String, extraCheck: String = "") -> String {
        let hash = linkSQL(["NEW.prev_hash", "NEW.\(key)::text"] + fields.map { "NEW.\($0)" })
        return """
            CREATE FUNCTION sop_link_\(ledger)() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER \(path) AS $$
            DECLARE
                head record;
                computed text;
            BEGIN
                -- Locks the head even for a writer that skipped sop_lock_\(ledger)(): two such writers
                -- serialize here, and the second sees the first's link and is refused, not forked.
                SELECT next_key, hash INTO head FROM record_head WHERE ledger = '\(ledger)' FOR UPDATE;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'the record has no audit genesis, so no \(noun) can be added'
                        USING ERRCODE = '\(PostgresFault.recordRefusal)', HINT = 'initialise the database with sop init first';
                END IF;
                \(extraCheck)
                IF NEW.\(key) IS DISTINCT FROM head.next_key THEN
                    RAISE EXCEPTION '\(noun) % is out of order: the record''s next is %', NEW.\(key), head.next_key
                        USING ERRCODE = '\(PostgresFault.recordRefusal)',
                              HINT = 'take the next number and hash from sop_lock_\(ledger)() in the same transaction';
                END IF;
                IF NEW.prev_hash IS DISTINCT FROM head.hash THEN
                    RAISE EXCEPTION '\(noun) % does not follow the record''s newest link (prev_hash must be %)', NEW.\(key), head.hash
                        USING ERRCODE = '\(PostgresFault.recordRefusal)',
                              HINT = 'take the next number and hash from sop_lock_\(ledger)() in the same transaction';
                END IF;
                IF NEW.time IS NULL THEN
                    NEW.time := \(serverNow);
                END IF;
                computed := \(hash);
                IF NEW.hash IS NOT NULL AND NEW.hash IS DISTINCT FROM computed THEN
                    RAISE EXCEPTION 'the hash of \(noun) % does not match its content (the server computes %)', NEW.\(key), computed
                        USING ERRCODE = '\(PostgresFault.recordRefusal)', HINT = 'leave hash out and let the server compute it';
                END IF;
                NEW.hash := computed;
                UPDATE record_head SET next_key = NEW.\(key) + 1, hash = computed WHERE ledger = '\(ledger)';
                RETURN NEW;
            END
            $$
            """
    }

    /// A chain's `BEGIN IMMEDIATE`: the first statement of a write locks the head and returns the next
    /// key, the hash it follows, and the server's time (so a laptop whose clock is behind is not refused
    /// by the clock rule). Participants may call it; they have no right on `record_head` itself.
    static func lockFunction(ledger: String) -> String {
        """
        CREATE FUNCTION sop_lock_\(ledger)(OUT next_key bigint, OUT head_hash text, OUT server_now text)
        LANGUAGE sql SECURITY DEFINER \(path) AS $$
            SELECT next_key, hash, \(serverNow) FROM record_head WHERE ledger = '\(ledger)' FOR UPDATE
        $$
        """
    }

    /// A ledger's head as it stands, without the lock: the audit (a read-only transaction) compares the
    /// highest key ever handed out with the log's last row, as it reads `sqlite_sequence` on SQLite.
    static let headFunction = """
        CREATE FUNCTION sop_head(ledger_name text, OUT next_key bigint, OUT head_hash text)
        LANGUAGE sql STABLE SECURITY DEFINER \(path) AS $$
            SELECT next_key, hash FROM record_head WHERE ledger = ledger_name
        $$
        """

    /// In identity mode `database` only the participant whose `login` is `session_user` may appear as an
    /// event's actor. `session_user` is who logged in: neither `SET ROLE` nor a SECURITY DEFINER function
    /// changes it, so a participant cannot borrow someone else's role to act as them.
    static let identityFunction = """
        CREATE FUNCTION sop_check_identity() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER \(path) AS $$
        DECLARE
            own text;
        BEGIN
            IF (SELECT value FROM meta WHERE key = 'identity') IS DISTINCT FROM 'database' THEN
                RETURN NEW;
            END IF;
            -- The owner loads a whole record as it was written (sop copy) in the transaction that seals
            -- its genesis, and only then: the genesis row's xmin is that transaction. Afterwards the
            -- owner, who is nobody's login, records nothing, like any other stranger.
            IF session_user = (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'events')
               AND (SELECT xmin FROM meta WHERE key = 'audit_genesis') = pg_current_xact_id()::xid THEN
                RETURN NEW;
            END IF;
            SELECT id INTO own FROM participants WHERE login = session_user;
            IF own IS NULL THEN
                RAISE EXCEPTION 'database user % is no participant''s login, and the team uses identity: database', session_user
                    USING ERRCODE = '\(PostgresFault.identityRefusal)', HINT = 'connect as your own login (login: in the team file)';
            END IF;
            -- Nested, not joined with AND: PL/pgSQL resolves every NEW.field of an expression, and each
            -- table has only its own.
            IF TG_TABLE_NAME = 'events' THEN
                IF NEW.actor IS DISTINCT FROM own THEN
                    RAISE EXCEPTION 'database user % is %, so it may not record an event as %', session_user, own, NEW.actor
                        USING ERRCODE = '\(PostgresFault.identityRefusal)',
                              HINT = 'the team uses identity: database: each participant connects with their own login';
                END IF;
            ELSIF NEW.account IS DISTINCT FROM session_user THEN
                RAISE EXCEPTION 'an access log entry must name the database user %, not %', session_user, NEW.account
                    USING ERRCODE = '\(PostgresFault.identityRefusal)', HINT = 'write the connection''s own user as account';
            END IF;
            RETURN NEW;
        END
        $$
        """

    /// The audit genesis as `AuditChain.genesis` computes it: SHA-256 over `sop-genesis-v1`, every meta row
    /// but the genesis itself in key order, and every participant in team order, one tab-separated line each.
    static let genesisFunction = """
        CREATE FUNCTION sop_genesis() RETURNS text LANGUAGE sql STABLE \(path) AS $$
            SELECT encode(sha256(convert_to(
                'sop-genesis-v1' || E'\\n'
                || coalesce((SELECT string_agg('meta' || E'\\t' || key || E'\\t' || value || E'\\n', '' ORDER BY key)
                             FROM meta WHERE key <> 'audit_genesis'), '')
                || coalesce((SELECT string_agg('participant' || E'\\t' || position::text || E'\\t' || id || E'\\t' || name || E'\\t'
                                               || roles || E'\\t' || coalesce(login, '') || E'\\t' || coalesce(email, '') || E'\\n', ''
                                               ORDER BY position)
                             FROM participants), ''),
                'UTF8')), 'hex')
        $$
        """

    /// Seals what the database was created with, once, as `sop init` does on SQLite: the genesis row in
    /// meta and both chains' heads pointing at it. Only the owner runs it (EXECUTE is not granted).
    static let sealFunction = """
        CREATE FUNCTION sop_seal_genesis() RETURNS text LANGUAGE plpgsql \(path) AS $$
        DECLARE
            sealed text := sop_genesis();
        BEGIN
            IF EXISTS (SELECT 1 FROM record_head) THEN
                RAISE EXCEPTION 'the record is already sealed' USING ERRCODE = '\(PostgresFault.recordRefusal)',
                    HINT = 'a database is initialised once; use a new database for a new record';
            END IF;
            INSERT INTO meta(key, value) VALUES ('audit_genesis', sealed);
            INSERT INTO record_head(ledger, next_key, hash) VALUES ('events', 1, sealed), ('access_log', 1, sealed);
            RETURN sealed;
        END
        $$
        """

    /// Wakes live REPLs at commit (a rolled-back insert announces nothing): the notice carries only the
    /// seq, a wake-up; the REPL reads the events after the last one it saw, so any login's NOTIFY on the
    /// channel can at worst cause one needless read.
    static let announceFunction = """
        CREATE FUNCTION sop_announce_event() RETURNS trigger LANGUAGE plpgsql \(path) AS $$
        BEGIN
            PERFORM pg_notify('\(PostgresSchema.eventChannel)', NEW.seq::text);
            RETURN NULL;
        END
        $$
        """

    /// The channel `LISTEN` waits on for new events.
    public static let eventChannel = "sop_events"

    static let eventFields = ["cycle", "time", "actor", "type", "payload"]
    static let accessLogFields = ["time", "account", "actor", "command", "rule", "message"]

    static var chainSQL: [String] {
        [
            genesisFunction, sealFunction, identityFunction, headFunction,
            lockFunction(ledger: "events"), lockFunction(ledger: "access_log"),
            linkFunction(ledger: "events", key: "seq", fields: eventFields, noun: "event"),
            linkFunction(ledger: "access_log", key: "number", fields: accessLogFields, noun: "access log entry"),
            // Triggers fire in name order: who acts is checked before the link is made.
            "CREATE TRIGGER events_1_identity BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION sop_check_identity()",
            "CREATE TRIGGER events_2_link BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION sop_link_events()",
            announceFunction,
            "CREATE TRIGGER events_3_announce AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION sop_announce_event()",
            "CREATE TRIGGER access_log_1_identity BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION sop_check_identity()",
            "CREATE TRIGGER access_log_2_link BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION sop_link_access_log()",
        ]
    }
}
