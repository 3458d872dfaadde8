/// sop's record on PostgreSQL: the tables of SOPStore's SQLite schema (README, "Database schema"),
/// column for column so the store's domain SQL can run on both, plus what a server shared by several
/// people needs and a file on one laptop does not: the server itself keeps the audit chain linear,
/// refuses changes to history even from the owner, and in `identity: database` refuses an event whose
/// actor is not the participant the connection logged in as.
///
/// Text is `COLLATE "C"`: byte order, as SQLite's BINARY compares, and the bytes hashed are the bytes
/// stored. PostgreSQL text cannot hold NUL, which SQLite's can (SOPStore's team key joins with char(0)).
/// Each statement is its own string: postgres-nio's extended protocol takes one statement at a time.
public enum PostgresSchema {
    /// The tables a participant reads; `written` and `updated` say which they may change. Every other
    /// right (DELETE, TRUNCATE, changing meta or the team) stays with the owner, and the triggers refuse
    /// even the owner the changes that would rewrite history.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var written: Bool
        public var updated: Bool
    }

    public static let tables: [Table] = [
        Table(name: "meta", written: false, updated: false),
        Table(name: "workflow_versions", written: true, updated: false),
        Table(name: "participants", written: false, updated: false),
        Table(name: "events", written: true, updated: false),
        Table(name: "cycles", written: true, updated: true),
        Table(name: "artifacts", written: true, updated: false),
        Table(name: "follow_ups", written: true, updated: true),
        Table(name: "escalations", written: true, updated: true),
        Table(name: "notifications", written: true, updated: true),
        Table(name: "access_log", written: true, updated: false),
        Table(name: "plan_readings", written: true, updated: false),
        Table(name: "plan_values", written: true, updated: false),
        Table(name: "plans_of_record", written: true, updated: true),
    ]

    /// Tables kept exactly as written: UPDATE, DELETE and TRUNCATE are refused by trigger.
    static let appendOnly = ["meta", "workflow_versions", "participants", "events", "artifacts", "access_log", "plan_readings", "plan_values"]
    /// Current-record tables the store updates in place; rows are never removed.
    static let neverEmptied = ["cycles", "follow_ups", "escalations", "notifications", "plans_of_record"]

    /// The functions a participant calls directly: the two locks (each locks one chain's head, like
    /// `BEGIN IMMEDIATE`) and the head as it stands, which the audit reads.
    public static let participantFunctions = ["sop_lock_events()", "sop_lock_access_log()", "sop_head(text)"]

    /// ISO 8601 UTC to the millisecond, exactly as `Stamp.iso` writes event times.
    static let serverNow = #"to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#

    /// Every statement, in order, for an empty database (run in one transaction by `PostgresRecord.install`).
    public static var statements: [String] {
        tablesSQL + chainSQL + guardSQL + registerSQL + [revokeFromPublic]
    }

    static let tablesSQL = [
        """
        CREATE TABLE meta (
            key   text COLLATE "C" PRIMARY KEY,
            value text COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE workflow_versions (
            hash        text COLLATE "C" PRIMARY KEY,
            workflow    text COLLATE "C" NOT NULL,
            title       text COLLATE "C" NOT NULL,
            source_name text COLLATE "C" NOT NULL,
            source      text COLLATE "C" NOT NULL,
            model       text COLLATE "C" NOT NULL,
            stored_at   text COLLATE "C" NOT NULL
        )
        """,
        // `login` is what identity mode `database` compares with session_user, so it is unique.
        """
        CREATE TABLE participants (
            position integer NOT NULL,
            id       text COLLATE "C" PRIMARY KEY,
            name     text COLLATE "C" NOT NULL,
            roles    text COLLATE "C" NOT NULL,
            login    text COLLATE "C" UNIQUE,
            email    text COLLATE "C"
        )
        """,
        // No SEQUENCE for seq: a rolled-back write would leave a gap, and a gap is what the audit
        // reports as a removed event. The link trigger hands out seq from the head row instead.
        """
        CREATE TABLE events (
            seq       bigint PRIMARY KEY,
            cycle     text COLLATE "C" NOT NULL,
            time      text COLLATE "C" NOT NULL,
            actor     text COLLATE "C" NOT NULL,
            type      text COLLATE "C" NOT NULL,
            payload   text COLLATE "C" NOT NULL,
            prev_hash text COLLATE "C" NOT NULL,
            hash      text COLLATE "C" NOT NULL
        )
        """,
        "CREATE INDEX events_by_cycle ON events(cycle, seq)",
        "CREATE INDEX events_closing ON events(cycle) WHERE type = 'cycle-closed'",
        """
        CREATE TABLE cycles (
            id            text COLLATE "C" PRIMARY KEY,
            workflow_hash text COLLATE "C" NOT NULL REFERENCES workflow_versions(hash),
            opened_seq    bigint NOT NULL REFERENCES events(seq)
        )
        """,
        """
        CREATE TABLE artifacts (
            sha256    text COLLATE "C" PRIMARY KEY,
            size      bigint NOT NULL,
            content   bytea NOT NULL,
            stored_at text COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE follow_ups (
            label     text COLLATE "C" PRIMARY KEY,
            kind      text COLLATE "C" NOT NULL CHECK (kind IN ('proposal', 'decision', 'action')),
            number    integer NOT NULL,
            cycle     text COLLATE "C" NOT NULL REFERENCES cycles(id),
            live      integer NOT NULL,
            closed_in text COLLATE "C",
            record    text COLLATE "C" NOT NULL,
            revision  bigint NOT NULL DEFAULT 0,
            UNIQUE (kind, number)
        )
        """,
        "CREATE INDEX follow_ups_by_cycle ON follow_ups(cycle)",
        "CREATE INDEX follow_ups_live ON follow_ups(live) WHERE live = 1",
        "CREATE INDEX follow_ups_by_closing ON follow_ups(closed_in)",
        "CREATE INDEX follow_ups_by_revision ON follow_ups(revision)",
        """
        CREATE TABLE escalations (
            number  integer PRIMARY KEY,
            cycle   text COLLATE "C" NOT NULL REFERENCES cycles(id),
            scope   text COLLATE "C" NOT NULL,
            subject text COLLATE "C" NOT NULL,
            level   integer NOT NULL,
            live    integer NOT NULL,
            record  text COLLATE "C" NOT NULL
        )
        """,
        "CREATE INDEX escalations_live ON escalations(live) WHERE live = 1",
        "CREATE INDEX escalations_by_cycle ON escalations(cycle)",
        "CREATE UNIQUE INDEX escalations_one_live_rung ON escalations(scope, subject, level) WHERE live = 1",
        """
        CREATE TABLE notifications (
            number        bigint PRIMARY KEY,
            escalation    integer NOT NULL REFERENCES escalations(number),
            recipient     text COLLATE "C" NOT NULL,
            cycle         text COLLATE "C" NOT NULL,
            level         integer NOT NULL,
            subject       text COLLATE "C" NOT NULL,
            body          text COLLATE "C" NOT NULL,
            created_at    text COLLATE "C" NOT NULL,
            acked_at      text COLLATE "C",
            delivery      text COLLATE "C" NOT NULL CHECK (delivery IN ('inbox-only', 'pending', 'delivered')),
            attempts      integer NOT NULL DEFAULT 0,
            last_error    text COLLATE "C",
            delivered_at  text COLLATE "C",
            claimed_until text COLLATE "C",
            UNIQUE (escalation, recipient)
        )
        """,
        "CREATE INDEX notifications_inbox ON notifications(recipient, acked_at)",
        "CREATE INDEX notifications_outbox ON notifications(delivery) WHERE delivery = 'pending'",
        """
        CREATE TABLE access_log (
            number    bigint PRIMARY KEY,
            time      text COLLATE "C" NOT NULL,
            account   text COLLATE "C" NOT NULL,
            actor     text COLLATE "C",
            command   text COLLATE "C" NOT NULL,
            rule      text COLLATE "C" NOT NULL,
            message   text COLLATE "C" NOT NULL,
            prev_hash text COLLATE "C" NOT NULL,
            hash      text COLLATE "C" NOT NULL
        )
        """,
        // The values of the stored plan files by the way each was read (SOPStore's PlanValueStore):
        // written with the file, never changed; the audit reads every file again and compares.
        """
        CREATE TABLE plan_readings (
            file    text COLLATE "C" NOT NULL REFERENCES artifacts(sha256),
            reading text COLLATE "C" NOT NULL,
            PRIMARY KEY (file, reading)
        )
        """,
        """
        CREATE TABLE plan_values (
            file     text COLLATE "C" NOT NULL,
            reading  text COLLATE "C" NOT NULL,
            month    text COLLATE "C" NOT NULL,
            line     integer NOT NULL,
            family   text COLLATE "C",
            resource text COLLATE "C",
            figures  text COLLATE "C" NOT NULL,
            PRIMARY KEY (file, reading, month, line),
            FOREIGN KEY (file, reading) REFERENCES plan_readings(file, reading)
        )
        """,
        // Each cycle's plans of record (SOPStore's PlanOfRecordStore): derived from the events, updated
        // in place by the commands that change them, never deleted (a NULL file: none stands now).
        """
        CREATE TABLE plans_of_record (
            cycle     text COLLATE "C" NOT NULL REFERENCES cycles(id),
            kind      text COLLATE "C" NOT NULL,
            stage     text COLLATE "C",
            input     text COLLATE "C",
            file_name text COLLATE "C",
            file      text COLLATE "C" REFERENCES artifacts(sha256),
            version   integer,
            scenario  text COLLATE "C",
            decision  integer,
            PRIMARY KEY (cycle, kind)
        )
        """,
        // The newest link of each chain: the next key and the hash it must follow. Writers lock their
        // chain's row FOR UPDATE as their first statement, so they serialize like SQLite's BEGIN IMMEDIATE
        // under READ COMMITTED without serialization failures to retry.
        """
        CREATE TABLE record_head (
            ledger   text COLLATE "C" PRIMARY KEY CHECK (ledger IN ('events', 'access_log')),
            next_key bigint NOT NULL,
            hash     text COLLATE "C" NOT NULL
        )
        """,
    ]
}
