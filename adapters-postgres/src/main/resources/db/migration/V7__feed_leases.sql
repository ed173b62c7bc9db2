-- Each waiting node's wake-up lease (docs/change-feed.md, "Who is notified"), one row per feed connection, keyed by
-- its backend's process id. The sequence chat_feed_listening_until, which writers read, holds the latest of them,
-- so that a node that stops waiting (it reads on a schedule once commits arrive faster than its read spacing) ends
-- its own lease at once while another node's stands. Written only by chat_feed_hold_lease
-- (R__feed_wake_up_lease.sql), which needs no grant on it. A row outlives its connection only until its time.

CREATE TABLE chat_feed_leases (
    session_pid  integer PRIMARY KEY,
    until_millis bigint  NOT NULL
);
