-- What every write to chats does, whoever writes it (chatsync or a legacy backend): append the change to
-- chat_changes and notify whom it concerns; and, as it commits, bring the thread's summary in chat_threads up to
-- date.
--
-- A repeatable migration: edit it in place. Flyway runs it again, after every pending versioned migration, when
-- its text changes. The new function is what every writer runs from that commit on, including writers served by
-- nodes of the previous version while a rolling upgrade is under way, so a change here must keep what those
-- nodes read (the log's columns, the notification's fields) or be made in two releases. Versioned migrations
-- must not depend on what is defined here: on a new database it does not exist until they have all run.
--
-- The function runs in every writer's transaction and its cost is theirs. It is SECURITY DEFINER (the LMS's roles
-- need no grant on the log) without a SET clause (switching search_path on each call cost about 8 % of the
-- writers' rate), so it must not resolve anything through the caller's search path, which the caller controls:
-- tables, sequences, functions, operators and types are all written with their schema.
--
-- Notifications: PostgreSQL flushes the commits of notifying transactions one at a time, which is the ceiling of
-- the legacy design. chatsync's nodes read the log and need a notification only to wake when idle; legacy
-- backends need one for every change. So the trigger notifies unless the database says no legacy backend is left
-- (ALTER DATABASE ... SET chatsync.legacy_notifications = off), and then only while a chatsync node holds the
-- wake-up lease. It reads the lease after taking its position, so a writer that found no lease took its position
-- before the node's next lease, which the node then awaits by reading the log (docs/change-feed.md).

CREATE OR REPLACE FUNCTION chat_message_record_change() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    change_position pg_catalog.int8;
    is_message      pg_catalog.bool := TG_OP OPERATOR(pg_catalog.=) 'INSERT';
BEGIN
    change_position := pg_catalog.nextval('${flyway:defaultSchema}.chat_change_position'::pg_catalog.regclass);

    INSERT INTO ${flyway:defaultSchema}.chat_changes (position, kind, chat_id, user_id, read_by_student, read_by_teacher)
    VALUES (change_position, CASE WHEN is_message THEN 'message' ELSE 'read' END, NEW.chat_id, NEW.user_id,
            NEW.read_by_student, NEW.read_by_teacher);

    -- Anything but one of these four words (unset included) keeps the legacy notifications on.
    IF (COALESCE(pg_catalog.lower(pg_catalog.current_setting('chatsync.legacy_notifications', true)), 'on')
            OPERATOR(pg_catalog.<>) ALL (ARRAY['off', 'false', 'no', '0']))
       OR (pg_catalog.pg_sequence_last_value(
               '${flyway:defaultSchema}.chat_feed_listening_until'::pg_catalog.regclass)
           OPERATOR(pg_catalog.>)
           (pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000))
    THEN
        -- Only ids and flags travel (a payload stops at 8000 bytes): the fields the legacy listeners read, and
        -- the position.
        IF is_message THEN
            PERFORM pg_catalog.pg_notify('chat_messages', pg_catalog.json_build_object(
                'chat_id', NEW.chat_id, 'user_id', NEW.user_id, 'sender', NEW.sender,
                'position', change_position)::pg_catalog.text);
        ELSE
            PERFORM pg_catalog.pg_notify('chat_messages_read', pg_catalog.json_build_object(
                'chat_id', NEW.chat_id, 'user_id', NEW.user_id,
                'read_by_student', NEW.read_by_student, 'read_by_teacher', NEW.read_by_teacher,
                'position', change_position)::pg_catalog.text);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Dropped and created in this migration's transaction, so writers see either the old triggers or the new ones.
DROP TRIGGER IF EXISTS chat_message_inserted ON chats;
CREATE TRIGGER chat_message_inserted
    AFTER INSERT ON chats
    FOR EACH ROW EXECUTE FUNCTION chat_message_record_change();

DROP TRIGGER IF EXISTS chat_message_read_changed ON chats;
CREATE TRIGGER chat_message_read_changed
    AFTER UPDATE OF read_by_student, read_by_teacher ON chats
    FOR EACH ROW
    WHEN (OLD.read_by_student IS DISTINCT FROM NEW.read_by_student
          OR OLD.read_by_teacher IS DISTINCT FROM NEW.read_by_teacher)
    EXECUTE FUNCTION chat_message_record_change();

-- The thread's summary (V5__thread_summary.sql): its newest message and both unread counts, moved by what each
-- row changed. Its triggers are deferred to the writer's commit, so the thread's summary row is locked only while
-- the writer commits: a transaction left open after writing a chat holds up no other writer, and writers of one
-- thread take turns only at their commits. They fire in the order the rows changed, the corrections below
-- included.
CREATE OR REPLACE FUNCTION chat_thread_count() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    staff_unread   pg_catalog.int4 :=
        CAST(NEW.sender OPERATOR(pg_catalog.=) 'student' AND NOT NEW.read_by_teacher AS pg_catalog.int4);
    student_unread pg_catalog.int4 :=
        CAST(NEW.sender OPERATOR(pg_catalog.=) 'teacher' AND NOT NEW.read_by_student AS pg_catalog.int4);
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
        INSERT INTO ${flyway:defaultSchema}.chat_threads AS t (user_id, last_chat_id, unread_by_staff, unread_by_student)
        VALUES (NEW.user_id, NEW.chat_id, staff_unread, student_unread)
        ON CONFLICT (user_id) DO UPDATE
            SET last_chat_id = GREATEST(t.last_chat_id, excluded.last_chat_id),
                unread_by_staff = t.unread_by_staff OPERATOR(pg_catalog.+) excluded.unread_by_staff,
                unread_by_student = t.unread_by_student OPERATOR(pg_catalog.+) excluded.unread_by_student;
    ELSIF NEW.user_id OPERATOR(pg_catalog.=) OLD.user_id THEN
        -- A row moved to another thread is left to chat_thread_row_moved, which counts both threads afresh and
        -- takes their locks in order; taking one here first would undo that order.
        UPDATE ${flyway:defaultSchema}.chat_threads
        SET unread_by_staff = unread_by_staff OPERATOR(pg_catalog.+) staff_unread OPERATOR(pg_catalog.-)
                CAST(OLD.sender OPERATOR(pg_catalog.=) 'student' AND NOT OLD.read_by_teacher AS pg_catalog.int4),
            unread_by_student = unread_by_student OPERATOR(pg_catalog.+) student_unread OPERATOR(pg_catalog.-)
                CAST(OLD.sender OPERATOR(pg_catalog.=) 'teacher' AND NOT OLD.read_by_student AS pg_catalog.int4)
        WHERE user_id OPERATOR(pg_catalog.=) NEW.user_id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS chat_thread_counted ON chats;
CREATE CONSTRAINT TRIGGER chat_thread_counted
    AFTER INSERT ON chats
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION chat_thread_count();

DROP TRIGGER IF EXISTS chat_thread_read_counted ON chats;
CREATE CONSTRAINT TRIGGER chat_thread_read_counted
    AFTER UPDATE OF read_by_student, read_by_teacher ON chats
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.read_by_student IS DISTINCT FROM NEW.read_by_student
          OR OLD.read_by_teacher IS DISTINCT FROM NEW.read_by_teacher)
    EXECUTE FUNCTION chat_thread_count();

-- A thread's summary counted afresh from chats: after what the summary's deltas cannot follow (a row deleted, moved
-- to another thread or given another sender), and to fill the summary of an existing database (ThreadSummaryFill).
-- It locks the thread's summary row first, then counts in a statement of its own, which sees every writer that held
-- the lock before; a writer after it waits for the lock and adds its own row on top.
CREATE OR REPLACE FUNCTION chat_thread_recount(thread pg_catalog.int4) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    newest  pg_catalog.int4;
    staff   pg_catalog.int4;
    student pg_catalog.int4;
BEGIN
    INSERT INTO ${flyway:defaultSchema}.chat_threads (user_id, last_chat_id, unread_by_staff, unread_by_student)
    VALUES (thread, 0, 0, 0) ON CONFLICT (user_id) DO NOTHING;
    PERFORM 1 FROM ${flyway:defaultSchema}.chat_threads WHERE user_id OPERATOR(pg_catalog.=) thread FOR UPDATE;
    SELECT pg_catalog.max(chat_id),
           pg_catalog.count(*) FILTER (WHERE sender OPERATOR(pg_catalog.=) 'student' AND NOT read_by_teacher),
           pg_catalog.count(*) FILTER (WHERE sender OPERATOR(pg_catalog.=) 'teacher' AND NOT read_by_student)
    INTO newest, staff, student
    FROM ${flyway:defaultSchema}.chats WHERE user_id OPERATOR(pg_catalog.=) thread;
    IF newest IS NULL THEN
        DELETE FROM ${flyway:defaultSchema}.chat_threads WHERE user_id OPERATOR(pg_catalog.=) thread;
    ELSE
        UPDATE ${flyway:defaultSchema}.chat_threads
        SET last_chat_id = newest, unread_by_staff = staff, unread_by_student = student
        WHERE user_id OPERATOR(pg_catalog.=) thread;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION chat_thread_row_moved() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
BEGIN
    -- A row moved between two threads locks both summaries, the lower thread first: two corrections moving rows
    -- in opposite directions then queue on one lock instead of each holding the lock the other waits for.
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND NEW.user_id OPERATOR(pg_catalog.<>) OLD.user_id THEN
        PERFORM ${flyway:defaultSchema}.chat_thread_recount(LEAST(OLD.user_id, NEW.user_id));
        PERFORM ${flyway:defaultSchema}.chat_thread_recount(GREATEST(OLD.user_id, NEW.user_id));
    ELSE
        PERFORM ${flyway:defaultSchema}.chat_thread_recount(OLD.user_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION chat_threads_emptied() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
BEGIN
    DELETE FROM ${flyway:defaultSchema}.chat_threads;
    RETURN NULL;
END
$$;

-- Summary rows are locked only at commit, after every row lock a writer takes, so writers can wait on each other
-- only for summaries. A writer of one row takes one summary, or two in ascending order when it moves the row, so
-- no two such writers deadlock. A transaction that writes several threads takes their summaries in the order it
-- wrote them, as it takes those rows' locks: two of them writing the same threads in opposite orders can deadlock,
-- and PostgreSQL then rolls one back, as it would over the rows themselves.
-- Deferred too, so they fire after the counts of the same rows' earlier changes and count over them; and after
-- chat_thread_read_counted for an update that changed the read flags as well (triggers of one event fire in name
-- order). Rare (an administrator's correction), so counting afresh is cheap enough: the thread's rows, by its
-- index.
DROP TRIGGER IF EXISTS chat_thread_row_moved ON chats;
CREATE CONSTRAINT TRIGGER chat_thread_row_moved
    AFTER UPDATE OF user_id, sender ON chats
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.sender IS DISTINCT FROM NEW.sender)
    EXECUTE FUNCTION chat_thread_row_moved();

DROP TRIGGER IF EXISTS chat_thread_row_deleted ON chats;
CREATE CONSTRAINT TRIGGER chat_thread_row_deleted
    AFTER DELETE ON chats
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION chat_thread_row_moved();

DROP TRIGGER IF EXISTS chat_threads_emptied ON chats;
CREATE TRIGGER chat_threads_emptied
    AFTER TRUNCATE ON chats
    FOR EACH STATEMENT EXECUTE FUNCTION chat_threads_emptied();

-- From this transaction on, every writer counts (ThreadSummaryFill waits for those that started before).
UPDATE chat_thread_summary SET counting_since = CAST(CAST(pg_current_xact_id() AS text) AS bigint);
