-- The LMS tables as the legacy backends use them. On an existing lms_ecenter database they already exist,
-- with rows, and are left exactly as they are.

CREATE TABLE IF NOT EXISTS users (
    user_id    serial       PRIMARY KEY,
    full_name  varchar(255),
    avatar_url text
);

CREATE TABLE IF NOT EXISTS chats (
    chat_id         serial      PRIMARY KEY,
    user_id         integer     NOT NULL REFERENCES users (user_id),
    sender          varchar(20) NOT NULL CHECK (sender IN ('student', 'teacher')),
    message         text        NOT NULL,
    read_by_student boolean     NOT NULL DEFAULT false,
    read_by_teacher boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);
