-- Triggers a site installed by following the legacy guide (chat-realtime-sync.sql, triggers named chat_message%):
-- beside chatsync's own trigger, which sends the same notifications, every legacy listener would get each change
-- twice. chatsync never drops or disables them by itself; it lists them (every node logs them at start and shows
-- them in readiness), and an operator turns them off on purpose, reversibly (docs/operations.md, "The guide's own
-- triggers"):
--
--     SELECT * FROM chat_disable_guide_triggers();   -- ALTER TABLE chats DISABLE TRIGGER, for each of them
--     SELECT * FROM chat_enable_guide_triggers();    -- the undo: ENABLE TRIGGER, for each of them
--
-- A trigger counts as the guide's when it is on chats, is not chatsync's, and its function notifies on
-- chat_messages or chat_messages_read, whatever the trigger and the function are called.
--
-- A repeatable migration: edit it in place (R__change_log_trigger.sql says what that means during an upgrade).

CREATE OR REPLACE VIEW chat_guide_triggers AS
SELECT t.tgname                  AS trigger_name,
       fn.nspname                AS function_schema,
       p.proname                 AS function_name,
       t.tgenabled <> 'D'        AS enabled,
       pg_get_triggerdef(t.oid)  AS definition
FROM pg_trigger t
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = p.pronamespace
WHERE t.tgrelid = '${flyway:defaultSchema}.chats'::regclass
  AND NOT t.tgisinternal
  AND t.tgname NOT IN ('chat_message_inserted', 'chat_message_read_changed')
  AND p.prosrc ~* 'notify'
  AND p.prosrc ~ 'chat_messages';

CREATE OR REPLACE FUNCTION chat_disable_guide_triggers() RETURNS SETOF name
    LANGUAGE plpgsql
AS $$
DECLARE
    guide name;
BEGIN
    FOR guide IN SELECT trigger_name FROM ${flyway:defaultSchema}.chat_guide_triggers WHERE enabled LOOP
        EXECUTE format('ALTER TABLE %I.chats DISABLE TRIGGER %I', '${flyway:defaultSchema}', guide);
        RETURN NEXT guide;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION chat_enable_guide_triggers() RETURNS SETOF name
    LANGUAGE plpgsql
AS $$
DECLARE
    guide name;
BEGIN
    FOR guide IN SELECT trigger_name FROM ${flyway:defaultSchema}.chat_guide_triggers WHERE NOT enabled LOOP
        EXECUTE format('ALTER TABLE %I.chats ENABLE TRIGGER %I', '${flyway:defaultSchema}', guide);
        RETURN NEXT guide;
    END LOOP;
END
$$;
