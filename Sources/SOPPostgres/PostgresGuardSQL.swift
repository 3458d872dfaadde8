/// What keeps history as it was written, on the server: participants are granted no UPDATE or DELETE on
/// the record (`PostgresRoles`), and these triggers refuse the changes even to the owner, who holds every
/// right on the tables. (A superuser can still disable triggers: the printed head hash is the defence
/// against that, and the audit reads `pg_trigger.tgenabled` to report it.) The current-record tables
/// (cycles, follow-ups, escalations, notifications) are updated in place as on SQLite, and keep their
/// SQLite triggers' behaviour: a follow-up's `revision` and a notification's number.
extension PostgresSchema {
    static let refuseFunction = """
        CREATE FUNCTION sop_refuse_change() RETURNS trigger LANGUAGE plpgsql \(path) AS $$
        BEGIN
            RAISE EXCEPTION '% of % is refused: the record keeps what was written', TG_OP, TG_TABLE_NAME
                USING ERRCODE = '\(PostgresFault.recordRefusal)', HINT = 'record a new event instead of changing or removing one';
        END
        $$
        """

    /// The head moves only inside a link trigger (trigger depth 2: the link's UPDATE firing this guard).
    static let headGuardFunction = """
        CREATE FUNCTION sop_guard_head() RETURNS trigger LANGUAGE plpgsql \(path) AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '% of record_head is refused: the head moves only when a link is added', TG_OP
                USING ERRCODE = '\(PostgresFault.recordRefusal)', HINT = 'append an event; the server moves the head';
        END
        $$
        """

    static var guardSQL: [String] {
        var statements = [refuseFunction, headGuardFunction]
        for table in appendOnly {
            statements.append("CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION sop_refuse_change()")
        }
        for table in neverEmptied {
            statements.append("CREATE TRIGGER \(table)_kept BEFORE DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION sop_refuse_change()")
        }
        for table in appendOnly + neverEmptied + ["record_head"] {
            statements.append("CREATE TRIGGER \(table)_not_truncated BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION sop_refuse_change()")
        }
        statements.append("CREATE TRIGGER record_head_guard BEFORE UPDATE OR DELETE ON record_head FOR EACH ROW EXECUTE FUNCTION sop_guard_head()")
        return statements
    }

    /// SQLite's `follow_ups_revision_on_*` triggers (one more than the highest revision on every change,
    /// so ReadCache reads only changed rows) and AUTOINCREMENT of notifications. Writers are serialized
    /// by the head lock, so MAX + 1 is gapless and never repeats, as on SQLite.
    static var registerSQL: [String] {
        [
            """
            CREATE FUNCTION sop_next_revision() RETURNS trigger LANGUAGE plpgsql \(path) AS $$
            BEGIN
                NEW.revision := coalesce((SELECT max(revision) FROM follow_ups), 0) + 1;
                RETURN NEW;
            END
            $$
            """,
            "CREATE TRIGGER follow_ups_revision_on_insert BEFORE INSERT ON follow_ups FOR EACH ROW EXECUTE FUNCTION sop_next_revision()",
            """
            CREATE TRIGGER follow_ups_revision_on_update BEFORE UPDATE OF label, kind, number, cycle, live, closed_in, record ON follow_ups
                FOR EACH ROW EXECUTE FUNCTION sop_next_revision()
            """,
            """
            CREATE FUNCTION sop_number_notification() RETURNS trigger LANGUAGE plpgsql \(path) AS $$
            BEGIN
                IF NEW.number IS NULL THEN
                    NEW.number := coalesce((SELECT max(number) FROM notifications), 0) + 1;
                END IF;
                RETURN NEW;
            END
            $$
            """,
            "CREATE TRIGGER notifications_numbered BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION sop_number_notification()",
        ]
    }

    /// Every sop function is callable by anyone by default (EXECUTE to PUBLIC): a stranger who may
    /// connect could then hold the head lock and stall writers. Only `PostgresRoles`' grants remain.
    static var revokeFromPublic: String {
        let functions = [
            "sop_genesis()", "sop_seal_genesis()", "sop_check_identity()", "sop_lock_events()", "sop_lock_access_log()",
            "sop_link_events()", "sop_link_access_log()", "sop_refuse_change()", "sop_guard_head()", "sop_next_revision()",
            "sop_number_notification()", "sop_head(text)", "sop_announce_event()",
        ]
        return "REVOKE EXECUTE ON FUNCTION \(functions.joined(separator: ", ")) FROM PUBLIC"
    }
}
