package io.chatsync.adapters.postgres.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.ChatsyncMigrations;
import io.chatsync.adapters.postgres.testing.LegacySchema;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.domain.message.ChatId;
import io.chatsync.domain.message.ChatMessage;
import io.chatsync.domain.message.Side;
import io.chatsync.domain.message.StudentId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store reads what the legacy backends wrote, in the legacy column types. */
class LegacyRowsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.empty();

    @BeforeAll
    static void legacyDatabaseMigrated() throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(LegacySchema.WITH_ROWS);
        }
        ChatsyncMigrations.migrate(database.dataSource());
    }

    @Test
    void legacyRowsLoadWithTheirIdsAndTimesReadAsUtc() {
        PostgresChatStore store = new PostgresChatStore(database.dsl(), new ChatRowReader(ZoneOffset.UTC),
                filledSummary());

        assertThat(store.loadNewestFirst(StudentId.of(1), null, 10))
                .extracting(ChatMessage::id, ChatMessage::sender, ChatMessage::createdAt)
                .containsExactly(
                        Tuple.tuple(ChatId.of(102), Side.STAFF,
                                Instant.parse("2025-09-01T08:01:00Z")),
                        Tuple.tuple(ChatId.of(101), Side.STUDENT,
                                Instant.parse("2025-09-01T08:00:00Z")));
        assertThat(store.countUnread(StudentId.of(1), Side.STUDENT)).isEqualTo(1);
        assertThat(store.loadByNewestActivity(null, 10)).extracting(c -> c.student().fullName())
                .containsExactly("Trần Thị Bình", "Nguyễn Văn An");
    }

    /** The conversation summary, filled from what chats holds now. */
    static ThreadSummary filledSummary() {
        ThreadSummary summary = new ThreadSummary(database.dsl());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(summary::fill);
        return summary;
    }
}
