-- A thread's history pages by chat_id, and both unread counts, without scanning other threads.

CREATE INDEX IF NOT EXISTS chats_thread_idx ON chats (user_id, chat_id);

CREATE INDEX IF NOT EXISTS chats_unread_by_teacher_idx ON chats (user_id)
    WHERE sender = 'student' AND read_by_teacher = false;

CREATE INDEX IF NOT EXISTS chats_unread_by_student_idx ON chats (user_id)
    WHERE sender = 'teacher' AND read_by_student = false;
