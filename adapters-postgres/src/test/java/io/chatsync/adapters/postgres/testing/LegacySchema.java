package io.chatsync.adapters.postgres.testing;

/**
 * An lms_ecenter database as the legacy Node backends left it: their own column types and extra columns, rows
 * with ids, and no Flyway history.
 */
public final class LegacySchema {

    public static final String WITH_ROWS = """
            CREATE TABLE users (
                user_id    serial PRIMARY KEY,
                email      varchar(255) UNIQUE,
                full_name  varchar(255),
                avatar_url varchar(500),
                role       varchar(20) DEFAULT 'student'
            );
            CREATE TABLE chats (
                chat_id         serial PRIMARY KEY,
                user_id         integer REFERENCES users (user_id),
                sender          varchar(50),
                message         text,
                read_by_student boolean DEFAULT false,
                read_by_teacher boolean DEFAULT false,
                created_at      timestamp DEFAULT now()
            );
            INSERT INTO users (user_id, email, full_name, avatar_url, role) VALUES
                (1, 'an@lms.example', 'Nguyễn Văn An', NULL, 'student'),
                (2, 'binh@lms.example', 'Trần Thị Bình', '/a/2.png', 'student'),
                (40, 'co.lan@lms.example', 'Cô Lan', NULL, 'teacher');
            SELECT setval('users_user_id_seq', 40);
            INSERT INTO chats (chat_id, user_id, sender, message, read_by_student, read_by_teacher, created_at) VALUES
                (101, 1, 'student', 'Em chào cô', true, true, '2025-09-01 08:00:00'),
                (102, 1, 'teacher', 'Chào em', false, true, '2025-09-01 08:01:00'),
                (205, 2, 'student', 'Bài tập số 3?', true, false, '2025-09-02 19:30:00');
            SELECT setval('chats_chat_id_seq', 205);
            """;

    private LegacySchema() {
    }
}
