-- A chatsync node takes or renews its wake-up lease here and learns the last position handed out before it
-- (docs/change-feed.md, "Who is notified"). Renewals take turns and a lease only grows, so no node shortens
-- another's. SECURITY DEFINER, so the feed's role needs no rights on the two sequences; but only roles granted
-- EXECUTE may call it (a lease makes every writer notify).
--
-- A repeatable migration: edit it in place (R__change_log_trigger.sql says what that means during an upgrade).

CREATE OR REPLACE FUNCTION chat_feed_hold_lease(millis pg_catalog.int8) RETURNS pg_catalog.int8
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
BEGIN
    IF millis IS NULL OR millis OPERATOR(pg_catalog.<) 1 OR millis OPERATOR(pg_catalog.>) 3600000 THEN
        RAISE EXCEPTION 'a wake-up lease runs from 1 ms to an hour, not %', millis;
    END IF;
    -- 'chat' and 'wake' in ASCII.
    PERFORM pg_catalog.pg_advisory_xact_lock(1667785076, 2002873189);
    PERFORM pg_catalog.setval('${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass, GREATEST(
        COALESCE(pg_catalog.pg_sequence_last_value(
            '${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass), 0),
        CAST(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000 AS pg_catalog.int8)
            OPERATOR(pg_catalog.+) millis));
    RETURN COALESCE(pg_catalog.pg_sequence_last_value(
        '${flyway:defaultSchema}.chat_change_position'::pg_catalog.regclass), 0);
END
$$;

REVOKE EXECUTE ON FUNCTION chat_feed_hold_lease(pg_catalog.int8) FROM PUBLIC;
