import GRDB

/// Named, forward-only migrations. The README's "Database schema" section documents these tables.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE workflow_versions (
                    hash        TEXT PRIMARY KEY,          -- SHA-256 of the workflow file's text
                    workflow    TEXT NOT NULL,             -- the file's `workflow:` id
                    title       TEXT NOT NULL,
                    source_name TEXT NOT NULL,             -- file name it was read from
                    source      TEXT NOT NULL,             -- the YAML text, as it was
                    model       TEXT NOT NULL,             -- the parsed workflow as JSON
                    stored_at   TEXT NOT NULL
                );
                CREATE TABLE participants (
                    position INTEGER NOT NULL,
                    id       TEXT PRIMARY KEY,
                    name     TEXT NOT NULL,
                    roles    TEXT NOT NULL,                -- JSON array of role ids
                    login    TEXT,
                    email    TEXT
                );
                CREATE TABLE events (
                    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                    cycle   TEXT NOT NULL,
                    time    TEXT NOT NULL,                 -- ISO 8601 UTC with milliseconds
                    actor   TEXT NOT NULL,
                    type    TEXT NOT NULL,
                    payload TEXT NOT NULL                  -- JSON, keys per type
                );
                CREATE INDEX events_by_cycle ON events(cycle, seq);
                CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                CREATE TABLE cycles (
                    id            TEXT PRIMARY KEY,        -- YYYY-MM
                    workflow_hash TEXT NOT NULL REFERENCES workflow_versions(hash),
                    opened_seq    INTEGER NOT NULL REFERENCES events(seq)
                );
                CREATE TABLE artifacts (
                    sha256    TEXT PRIMARY KEY,
                    size      INTEGER NOT NULL,
                    content   BLOB NOT NULL,
                    stored_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-follow-ups") { db in
            // The follow-up register: the current record of each proposal, decision and action, kept in
            // the same transaction as the event that changed it. Events stay the source of truth; this
            // lets a cycle read its own and the still-live items without folding the whole history.
            try db.execute(sql: """
                CREATE TABLE follow_ups (
                    label     TEXT PRIMARY KEY,            -- P-3, D-1, A-12
                    kind      TEXT NOT NULL CHECK (kind IN ('proposal', 'decision', 'action')),
                    number    INTEGER NOT NULL,
                    cycle     TEXT NOT NULL REFERENCES cycles(id),  -- the cycle it was raised in
                    live      INTEGER NOT NULL,            -- 1 while a proposal is undecided or an action open
                    closed_in TEXT,                        -- cycle it was decided (proposal) or closed (action) in
                    record    TEXT NOT NULL,               -- the item as JSON
                    UNIQUE (kind, number)
                );
                CREATE INDEX follow_ups_by_cycle ON follow_ups(cycle);
                CREATE INDEX follow_ups_live ON follow_ups(live) WHERE live = 1;
                CREATE INDEX follow_ups_by_closing ON follow_ups(closed_in);
                """)
        }
        migrator.registerMigration("v3-escalations") { db in
            // Escalations are events; this table is their current record (like follow_ups), so the
            // ladders read the live ones without folding the history. The partial unique index makes a
            // rung impossible to raise twice while it is live, whatever two processes do.
            // Notifications are the per-participant inbox and the notify hook's outbox: one row per
            // recipient of an escalation, written with its event; acks and deliveries update the row.
            try db.execute(sql: """
                CREATE TABLE escalations (
                    number  INTEGER PRIMARY KEY,           -- E-N
                    cycle   TEXT NOT NULL REFERENCES cycles(id),  -- the cycle it was raised in
                    scope   TEXT NOT NULL,                 -- the cycle for stage subjects, '*' for actions
                    subject TEXT NOT NULL,                 -- late-stage:ID, signoff-wait:ID, overdue-action:N
                    level   INTEGER NOT NULL,
                    live    INTEGER NOT NULL,              -- 1 until resolved
                    record  TEXT NOT NULL                  -- the escalation as JSON
                );
                CREATE INDEX escalations_live ON escalations(live) WHERE live = 1;
                CREATE INDEX escalations_by_cycle ON escalations(cycle);
                CREATE UNIQUE INDEX escalations_one_live_rung ON escalations(scope, subject, level) WHERE live = 1;
                CREATE TABLE notifications (
                    number        INTEGER PRIMARY KEY AUTOINCREMENT,  -- N in `ack N`
                    escalation    INTEGER NOT NULL REFERENCES escalations(number),
                    recipient     TEXT NOT NULL,       -- participant id
                    cycle         TEXT NOT NULL,
                    level         INTEGER NOT NULL,
                    subject       TEXT NOT NULL,       -- one line
                    body          TEXT NOT NULL,       -- what the notify hook gets on stdin
                    created_at    TEXT NOT NULL,
                    acked_at      TEXT,
                    delivery      TEXT NOT NULL CHECK (delivery IN ('inbox-only', 'pending', 'delivered')),
                    attempts      INTEGER NOT NULL DEFAULT 0,
                    last_error    TEXT,                -- why the last hook run failed
                    delivered_at  TEXT,
                    claimed_until TEXT,                -- a process is running the hook for it until then
                    UNIQUE (escalation, recipient)
                );
                CREATE INDEX notifications_inbox ON notifications(recipient, acked_at);
                CREATE INDEX notifications_outbox ON notifications(delivery) WHERE delivery = 'pending';
                """)
        }
        migrator.registerMigration("v4-audit-chain") { db in
            // Every event carries the hash of the one before it and of its own content (AuditChain).
            // Existing events are linked in seq order, which needs the append-only trigger lifted
            // for the length of this migration only.
            try db.execute(sql: """
                ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
                DROP TRIGGER events_are_append_only_update;
                """)
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'default_workflow'") != nil {
                let sql = SQLiteExecutor(db)
                try sql.sealGenesis()
                guard var prev = try AuditChain.sealedGenesis(sql) else { throw StoreError("the genesis did not seal") }
                for row in try Row.fetchAll(db, sql: "SELECT seq, cycle, time, actor, type, payload FROM events ORDER BY seq") {
                    let seq: Int64 = row["seq"]
                    let hash = AuditChain.link(
                        prev: prev, seq: seq, cycle: row["cycle"], time: row["time"], actor: row["actor"], type: row["type"], payload: row["payload"])
                    try db.execute(sql: "UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [prev, hash, seq])
                    prev = hash
                }
            }
            try db.execute(sql: """
                CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                """)
        }
        migrator.registerMigration("v5-access-log") { db in
            // Refused attempts (impersonation, unknown participants, permission refusals), kept apart
            // from `events`: a refusal changes nothing in the cycle's record, yet who tried what is
            // worth keeping. Append-only like `events`; each row is written in its own transaction after
            // the refused command rolled back.
            try db.execute(sql: """
                CREATE TABLE access_log (
                    number  INTEGER PRIMARY KEY AUTOINCREMENT,
                    time    TEXT NOT NULL,                 -- ISO 8601 UTC with milliseconds
                    account TEXT NOT NULL,                 -- the operating-system account running sop
                    actor   TEXT,                          -- the participant claimed or acting; NULL: nobody
                    command TEXT NOT NULL,                 -- the command line attempted, at most 500 characters
                    rule    TEXT NOT NULL,                 -- the refusal's rule: identity, unknown-participant, permission
                    message TEXT NOT NULL,                 -- what was wrong, as the error line said it
                    prev_hash TEXT NOT NULL,               -- the previous entry's hash (the audit genesis for the first)
                    hash    TEXT NOT NULL                  -- SHA-256 of prev_hash and this entry (AuditChain)
                );
                CREATE TRIGGER access_log_is_append_only_update BEFORE UPDATE ON access_log
                    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
                CREATE TRIGGER access_log_is_append_only_delete BEFORE DELETE ON access_log
                    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
                """)
        }
        migrator.registerMigration("v6-performance") { db in
            // Reading a cycle's state must cost the same with one cycle on file or ten years of them.
            // `cycles()` asks of every cycle whether it was closed: the partial index answers that from
            // the few `cycle-closed` rows instead of walking each cycle's events.
            // `follow_ups.revision` rises with every change to a row (the triggers set it to one more
            // than the highest), so a session that read a cycle's follow-up items before reads only the
            // rows changed since (ReadCache). The triggers fire on any write, whoever makes it.
            try db.execute(sql: """
                CREATE INDEX events_closing ON events(cycle) WHERE type = 'cycle-closed';
                ALTER TABLE follow_ups ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX follow_ups_by_revision ON follow_ups(revision);
                CREATE TRIGGER follow_ups_revision_on_insert AFTER INSERT ON follow_ups
                    BEGIN
                        UPDATE follow_ups SET revision = (SELECT MAX(revision) FROM follow_ups) + 1 WHERE label = NEW.label;
                    END;
                CREATE TRIGGER follow_ups_revision_on_update
                    AFTER UPDATE OF label, kind, number, cycle, live, closed_in, record ON follow_ups
                    BEGIN
                        UPDATE follow_ups SET revision = (SELECT MAX(revision) FROM follow_ups) + 1 WHERE label = NEW.label;
                    END;
                """)
        }
        migrator.registerMigration("v7-plan-values") { db in
            // The values of the stored plan files, by index, so the plan figures read the months they
            // need instead of parsing every file of every cycle (PlanValueStore). The key leads with
            // the month so one file's rows of a month are one range of the table; a kind without
            // months (inventory) keeps '' there. `plan_readings` says
            // which files are kept, so a file whose values are not here is read from its bytes instead.
            // Derived from the files: not part of the audit chain, and rebuilt from them.
            try db.execute(sql: """
                CREATE TABLE plan_readings (
                    file TEXT NOT NULL REFERENCES artifacts(sha256),
                    reading TEXT NOT NULL,
                    PRIMARY KEY (file, reading)
                ) WITHOUT ROWID;
                CREATE TABLE plan_values (
                    file TEXT NOT NULL,
                    reading TEXT NOT NULL,
                    month TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    family TEXT,
                    resource TEXT,
                    figures TEXT NOT NULL,
                    PRIMARY KEY (file, reading, month, line),
                    FOREIGN KEY (file, reading) REFERENCES plan_readings(file, reading)
                ) WITHOUT ROWID;
                """)
            try RecordedPlanReadings.backfill(StoreTransaction(db: db))
        }
        migrator.registerMigration("v8-plans-of-record") { db in
            // Each cycle's plans of record (PlanOfRecordStore), so a figure over the history reads one
            // table instead of folding every cycle's plan events and decisions. Derived from the events
            // like follow_ups: kept by the commands that change them, worked out here for a record
            // stored before, and compared by the audit. Rows are updated in place, never deleted; a
            // NULL file says nothing stands for the kind any more.
            try db.execute(sql: """
                CREATE TABLE plans_of_record (
                    cycle     TEXT NOT NULL REFERENCES cycles(id),
                    kind      TEXT NOT NULL,
                    stage     TEXT,
                    input     TEXT,
                    file_name TEXT,
                    file      TEXT REFERENCES artifacts(sha256),
                    version   INTEGER,
                    scenario  TEXT,
                    decision  INTEGER,
                    PRIMARY KEY (cycle, kind)
                ) WITHOUT ROWID;
                """)
            let tx = StoreTransaction(db: db)
            try tx.refreshPlansOfRecord(Set(try tx.cycles().map(\.id)))
        }
        return migrator
    }
}
