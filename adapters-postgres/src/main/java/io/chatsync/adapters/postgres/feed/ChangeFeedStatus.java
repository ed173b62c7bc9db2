package io.chatsync.adapters.postgres.feed;

import io.chatsync.application.delivery.FeedPosition;
import java.util.Optional;

/** What a node's change feed reports about itself, for health checks. */
public interface ChangeFeedStatus {

    ChangeFeedState state();

    /** The position of the last change handed over, or empty before the first connection. */
    Optional<FeedPosition> position();

    /** Why the last connection failed, while the feed is not listening. */
    Optional<String> lastFailure();
}
