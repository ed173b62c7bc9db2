-- What the change log must keep: each running node's feed writes here, every few seconds, the lowest position it
-- still needs (the first gap it awaits, or the one after the highest it read). Pruning removes only changes
-- older than the retention and below every needs_from of a reader seen within the retention, so no running node
-- loses a change it has not read (docs/operations.md, "The change log's size").

CREATE TABLE chat_feed_readers (
    reader     varchar(200) PRIMARY KEY,
    needs_from bigint       NOT NULL,
    seen_at    timestamptz  NOT NULL
);
