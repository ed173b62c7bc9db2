package io.chatsync.adapters.postgres.store;

import static io.chatsync.adapters.postgres.schema.Tables.CHATS;
import static io.chatsync.adapters.postgres.schema.Tables.USERS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
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
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/** The chat tables through jOOQ; every write is one statement, so it commits or changes nothing. */
final class PostgresChatStore
        implements StoreMessagePort, StoreThreadReadPort, LoadThreadHistoryPort, LoadConversationsPort, CountUnreadPort {

    private final DSLContext sql;

    PostgresChatStore(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public ChatMessage store(MessagePosted posted, Participant poster, IdempotencyKey key) {
        int student = posted.thread().value();
        String author = ChatRows.postedBy(poster);
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
        Condition stored = inserted.map(id -> CHATS.CHAT_ID.eq(id.value()))
                .orElseGet(() -> keyValue == null
                        ? DSL.falseCondition()
                        : CHATS.POSTED_BY.eq(author).and(CHATS.IDEMPOTENCY_KEY.eq(keyValue)));
        ChatMessage message = sql.select(ChatRows.MESSAGE_FIELDS)
                .from(CHATS).leftJoin(USERS).on(USERS.USER_ID.eq(CHATS.USER_ID))
                .where(stored)
                .fetchOptional(ChatRows::message)
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
    public List<ChatMessage> loadNewestFirst(StudentId thread, ChatId before, int limit) {
        return sql.select(ChatRows.MESSAGE_FIELDS)
                .from(CHATS).leftJoin(USERS).on(USERS.USER_ID.eq(CHATS.USER_ID))
                .where(CHATS.USER_ID.eq(thread.value()))
                .and(before == null ? noCondition() : CHATS.CHAT_ID.lt(before.value()))
                .orderBy(CHATS.CHAT_ID.desc())
                .limit(limit)
                .fetch(ChatRows::message);
    }

    @Override
    public List<Conversation> loadByNewestActivity(ChatId before, int limit) {
        Field<Integer> lastId = max(CHATS.CHAT_ID).as("last_id");
        Table<?> newest = select(lastId)
                .from(CHATS)
                .groupBy(CHATS.USER_ID)
                .having(before == null ? noCondition() : max(CHATS.CHAT_ID).lt(before.value()))
                .asTable("newest");
        Chats unread = CHATS.as("unread");
        Field<Integer> unreadByStaff = field(selectCount()
                .from(unread)
                .where(unread.USER_ID.eq(CHATS.USER_ID))
                .and(unreadFor(unread, Side.STAFF))).as("unread_by_staff");
        return sql.select(ChatRows.MESSAGE_FIELDS).select(unreadByStaff)
                .from(newest)
                .join(CHATS).on(CHATS.CHAT_ID.eq(newest.field(lastId)))
                .leftJoin(USERS).on(USERS.USER_ID.eq(CHATS.USER_ID))
                .orderBy(CHATS.CHAT_ID.desc())
                .limit(limit)
                .fetch(row -> {
                    ChatMessage last = ChatRows.message(row);
                    return new Conversation(last.student(), last, row.get(unreadByStaff));
                });
    }

    @Override
    public int countUnread(StudentId thread, Side reader) {
        return sql.fetchCount(CHATS, CHATS.USER_ID.eq(thread.value()).and(unreadFor(CHATS, reader)));
    }

    private static Condition unreadFor(Chats chats, Side reader) {
        return chats.SENDER.eq(reader.other().senderColumn()).and(flagOf(chats, reader).isFalse());
    }

    private static TableField<?, Boolean> flagOf(Chats chats, Side reader) {
        return reader == Side.STUDENT ? chats.READ_BY_STUDENT : chats.READ_BY_TEACHER;
    }
}
