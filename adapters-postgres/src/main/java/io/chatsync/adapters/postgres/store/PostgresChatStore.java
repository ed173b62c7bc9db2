package io.chatsync.adapters.postgres.store;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.CHAT_THREADS;
import static io.chatsync.adapters.postgres.schema.Tables.USERS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import io.chatsync.adapters.postgres.schema.tables.Chats;
import io.chatsync.application.conversations.Conversation;
import io.chatsync.application.conversations.CountUnreadPort;
import io.chatsync.application.conversations.LoadConversationsPort;
import io.chatsync.application.history.LoadThreadHistoryPort;
import io.chatsync.application.posting.IdempotencyKey;
import io.chatsync.application.posting.IdempotencyKeyReused;
import io.chatsync.application.posting.StoreMessagePort;
import io.chatsync.application.posting.UnknownStudentException;
import io.chatsync.application.reading.StoreThreadReadPort;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.MessagePosted;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.chatsync.domain.message.ThreadRead;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jspecify.annotations.Nullable;

/** The chat tables through jOOQ; every write is one statement, so it commits or changes nothing. */
final class PostgresChatStore
        implements StoreMessagePort, StoreThreadReadPort, LoadThreadHistoryPort, LoadConversationsPort, CountUnreadPort {

    private final DSLContext sql;
    private final MessageQueries queries;
    private final ThreadSummary summary;

    PostgresChatStore(DSLContext sql, ChatRowReader rows, ThreadSummary summary) {
        this.sql = sql;
        this.queries = new MessageQueries(sql, rows);
        this.summary = summary;
    }

    @Override
    public ChatMessage store(MessagePosted posted, Participant poster, @Nullable IdempotencyKey key) {
        int student = posted.thread().value();
        String author = postedBy(poster);
        String keyValue = key == null ? null : key.value();
        // INSERT ... SELECT FROM users: a thread of an unknown student stores nothing, with or without a foreign key.
        // ON CONFLICT on the partial unique index: a retry with the same author and key stores nothing, even when
        // retries race; the loser then reads the winner's row.
        Optional<ChatId> inserted = sql.insertInto(CHATS, CHATS.USER_ID, CHATS.SENDER, CHATS.MESSAGE,
                        CHATS.READ_BY_STUDENT, CHATS.READ_BY_TEACHER, CHATS.CREATED_AT, CHATS.POSTED_BY,
                        CHATS.IDEMPOTENCY_KEY)
                .select(select(USERS.USER_ID, val(posted.sender().senderColumn()), val(posted.body().text()),
                        inline(false), inline(false), val(posted.postedAt().atOffset(ZoneOffset.UTC)), val(author),
                        val(keyValue))
                        .from(USERS)
                        .where(USERS.USER_ID.eq(student)))
                .onConflict(CHATS.POSTED_BY, CHATS.IDEMPOTENCY_KEY).where(CHATS.IDEMPOTENCY_KEY.isNotNull())
                .doNothing()
                .returningResult(CHATS.CHAT_ID)
                .fetchOptional(row -> ChatId.of(row.value1()));
        ChatMessage message = inserted
                .map(id -> queries.messages(MessageQueries.BY_ID, id.value()))
                .orElseGet(() -> keyValue == null ? List.of()
                        : queries.messages(MessageQueries.BY_IDEMPOTENCY_KEY, author, keyValue))
                .stream().findFirst()
                .orElseThrow(() -> new UnknownStudentException(posted.thread()));
        if (inserted.isEmpty() && (!message.thread().equals(posted.thread())
                || !message.body().equals(posted.body().text()))) {
            throw new IdempotencyKeyReused();
        }
        return message;
    }

    @Override
    public List<ChatId> store(ThreadRead read) {
        TableField<?, Boolean> flag = flagOf(CHATS, read.reader());
        return sql.update(CHATS)
                .set(flag, true)
                .where(CHATS.USER_ID.eq(read.thread().value()))
                .and(CHATS.SENDER.eq(read.reader().other().senderColumn()))
                .and(flag.isFalse())
                .returningResult(CHATS.CHAT_ID)
                .fetch(row -> ChatId.of(row.value1()))
                .stream()
                .sorted((a, b) -> Integer.compare(a.value(), b.value()))
                .toList();
    }

    @Override
    public List<ChatMessage> loadNewestFirst(StudentId thread, @Nullable ChatId before, int limit) {
        return queries.messages(MessageQueries.NEWEST_OF_THREAD, thread.value(), below(before), limit);
    }

    @Override
    public List<Conversation> loadByNewestActivity(@Nullable ChatId before, int limit) {
        MessageQueries.Row<Conversation> conversation = (row, last) ->
                new Conversation(last.student(), last, row.getInt("unread_by_staff"));
        String page = summary.complete() ? MessageQueries.SUMMARY_CONVERSATIONS : MessageQueries.CONVERSATIONS;
        return queries.fetch(page, 2, conversation, below(before), limit);
    }

    @Override
    public int countUnread(StudentId thread, Side reader) {
        if (summary.complete()) {
            Field<Integer> count = reader == Side.STUDENT ? CHAT_THREADS.UNREAD_BY_STUDENT : CHAT_THREADS.UNREAD_BY_STAFF;
            return sql.select(count).from(CHAT_THREADS).where(CHAT_THREADS.USER_ID.eq(thread.value()))
                    .fetchOptional(count).orElse(0);
        }
        return sql.fetchCount(CHATS, CHATS.USER_ID.eq(thread.value()).and(unreadFor(CHATS, reader)));
    }

    private static Condition unreadFor(Chats chats, Side reader) {
        return chats.SENDER.eq(reader.other().senderColumn()).and(flagOf(chats, reader).isFalse());
    }

    private static TableField<?, Boolean> flagOf(Chats chats, Side reader) {
        return reader == Side.STUDENT ? chats.READ_BY_STUDENT : chats.READ_BY_TEACHER;
    }

    private static int below(@Nullable ChatId before) {
        return before == null ? MessageQueries.FIRST_PAGE : before.value();
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
