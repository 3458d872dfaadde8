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
        return migrator
    }
}
