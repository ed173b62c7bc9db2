package io.chatsync.bootstrap.feed;

import io.chatsync.adapters.postgres.feed.ChangeFeedState;
import io.chatsync.adapters.postgres.feed.ChangeFeedStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code UP} only while the feed listens; connecting, catching up or stopped is {@code OUT_OF_SERVICE}; given up is
 * {@code DOWN}.
 */
final class ChangeFeedHealth implements HealthIndicator {

    private final ChangeFeedStatus status;

    ChangeFeedHealth(ChangeFeedStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        ChangeFeedState state = status.state();
        Health.Builder health = switch (state) {
            case LISTENING -> Health.up();
            case FAILED -> Health.down();
            default -> Health.outOfService();
        };
        health.withDetail("state", state.name());
        status.position().ifPresent(position -> health.withDetail("position", position.value()));
        status.lastFailure().ifPresent(failure -> health.withDetail("lastFailure", failure));
        return health.build();
    }
}
