-- A chatsync node takes, renews or ends its wake-up lease here and learns the last position handed out before it
-- (docs/change-feed.md, "Who is notified"). Each feed connection's lease is a row of chat_feed_leases; the sequence
-- the writers read holds the latest of them, so a node that ends its own shortens no other node's. Calls take
-- turns. SECURITY DEFINER, so the feed's role needs no rights on the table and the two sequences; but only roles
-- granted EXECUTE may call it (a lease makes every writer notify).
--
-- A repeatable migration: edit it in place (R__change_log_trigger.sql says what that means during an upgrade). A
-- node of the version before calls it as it is here: its renewals hold a lease as before, and it never ends one.

CREATE OR REPLACE FUNCTION chat_feed_hold_lease(millis pg_catalog.int8) RETURNS pg_catalog.int8
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    now_millis pg_catalog.int8 :=
        CAST(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000 AS pg_catalog.int8);
BEGIN
    IF millis IS NULL OR millis OPERATOR(pg_catalog.<) 0 OR millis OPERATOR(pg_catalog.>) 3600000 THEN
        RAISE EXCEPTION 'a wake-up lease runs from 1 ms to an hour (0 ends it), not %', millis;
    END IF;
    -- 'chat' and 'wake' in ASCII.
    PERFORM pg_catalog.pg_advisory_xact_lock(1667785076, 2002873189);
    IF millis OPERATOR(pg_catalog.=) 0 THEN
        DELETE FROM ${flyway:defaultSchema}.chat_feed_leases
        WHERE session_pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid();
    ELSE
        INSERT INTO ${flyway:defaultSchema}.chat_feed_leases (session_pid, until_millis)
        VALUES (pg_catalog.pg_backend_pid(), now_millis OPERATOR(pg_catalog.+) millis)
        ON CONFLICT (session_pid) DO UPDATE SET until_millis = excluded.until_millis;
    END IF;
    -- Leases that ran out: of nodes that stopped or stalled, or of connections since closed.
    DELETE FROM ${flyway:defaultSchema}.chat_feed_leases
    WHERE until_millis OPERATOR(pg_catalog.<=) now_millis;
    PERFORM pg_catalog.setval('${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass, COALESCE(
        (SELECT pg_catalog.max(until_millis) FROM ${flyway:defaultSchema}.chat_feed_leases), 0));
    RETURN COALESCE(pg_catalog.pg_sequence_last_value(
        '${flyway:defaultSchema}.chat_change_position'::pg_catalog.regclass), 0);
END
$$;

REVOKE EXECUTE ON FUNCTION chat_feed_hold_lease(pg_catalog.int8) FROM PUBLIC;
