package io.chatsync.bootstrap.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.feed.ChangeFeedState;
import io.chatsync.adapters.postgres.feed.ChangeFeedStatus;
import io.chatsync.application.delivery.FeedPosition;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ChangeFeedHealthTest {

    static ChangeFeedStatus status(ChangeFeedState state, String failure) {
        return new ChangeFeedStatus() {
            @Override
            public ChangeFeedState state() {
                return state;
            }

            @Override
            public Optional<FeedPosition> position() {
                return Optional.of(new FeedPosition(42));
            }

            @Override
            public Optional<String> lastFailure() {
                return Optional.ofNullable(failure);
            }
        };
    }

    @Test
    void listeningIsUpWithItsPosition() {
        Health health = new ChangeFeedHealth(status(ChangeFeedState.LISTENING, null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("position", 42L).containsEntry("state", "LISTENING");
    }

    @ParameterizedTest
    @EnumSource(value = ChangeFeedState.class, names = {"LISTENING", "FAILED"}, mode = EnumSource.Mode.EXCLUDE)
    void anythingElseIsOutOfServiceWithTheReason(ChangeFeedState state) {
        Health health = new ChangeFeedHealth(status(state, "Connection refused")).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("state", state.name())
                .containsEntry("lastFailure", "Connection refused");
    }

    @Test
    void aFeedThatGaveUpIsDownWithTheReason() {
        Health health = new ChangeFeedHealth(status(ChangeFeedState.FAILED, "java.lang.OutOfMemoryError")).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "FAILED")
                .containsEntry("lastFailure", "java.lang.OutOfMemoryError");
    }
}
