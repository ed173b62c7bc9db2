-- Users an operator cut off: every node disconnects their sockets, and refuses their tokens issued before the cut
-- (docs/operations.md, "Cutting a user off"). A row per user; cutting again moves the time forward, deleting the row
-- lifts the cut-off.

CREATE TABLE chat_cutoffs (
    side    varchar(10)  NOT NULL CHECK (side IN ('student', 'staff')),
    user_id varchar(100) NOT NULL,
    cut_at  timestamptz  NOT NULL,
    PRIMARY KEY (side, user_id)
);
