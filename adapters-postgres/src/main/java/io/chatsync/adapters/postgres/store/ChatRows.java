package io.chatsync.adapters.postgres.store;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.USERS;

import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.message.StudentProfile;
import io.chatsync.domain.thread.Participant;
import java.util.List;
import org.jooq.Record;
import org.jooq.SelectField;

/** A {@code chats} row joined with its student's {@code users} row, read as a {@link ChatMessage}; the store and the feed share it. */
public final class ChatRows {

    /** The columns {@link #message(Record)} reads; select them from {@code chats LEFT JOIN users}. */
    public static final List<SelectField<?>> MESSAGE_FIELDS = List.of(
            CHATS.CHAT_ID, CHATS.USER_ID, CHATS.SENDER, CHATS.MESSAGE, CHATS.READ_BY_STUDENT, CHATS.READ_BY_TEACHER,
            CHATS.CREATED_AT, USERS.FULL_NAME, USERS.AVATAR_URL);

    private ChatRows() {
    }

    public static ChatMessage message(Record row) {
        StudentId thread = StudentId.of(row.get(CHATS.USER_ID));
        return new ChatMessage(
                ChatId.of(row.get(CHATS.CHAT_ID)),
                thread,
                Side.fromSenderColumn(row.get(CHATS.SENDER)),
                row.get(CHATS.MESSAGE),
                row.get(CHATS.READ_BY_STUDENT),
                row.get(CHATS.READ_BY_TEACHER),
                row.get(CHATS.CREATED_AT).toInstant(),
                new StudentProfile(thread, row.get(USERS.FULL_NAME), row.get(USERS.AVATAR_URL)));
    }

    /**
     * {@code chats.posted_by}: who posted a row through chatsync ({@code student:5}, {@code staff:t-1}), which scopes
     * its idempotency key to that participant.
     */
    static String postedBy(Participant poster) {
        if (poster instanceof Participant.Student student) {
            return "student:" + student.id().value();
        }
        return "staff:" + ((Participant.Staff) poster).userId();
    }
}
