package io.chatsync.bootstrap;

import io.chatsync.adapters.postgres.lms.RowSettings;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.application.limits.ActionLimits;
import io.chatsync.application.limits.LimitedPosting;
import io.chatsync.application.limits.LimitedReading;
import io.chatsync.bootstrap.limits.LimitsWiring;
import io.chatsync.adapters.postgres.PostgresAdapterConfiguration;
import io.chatsync.application.conversations.CountUnreadPort;
import io.chatsync.application.conversations.CountUnreadUseCase;
import io.chatsync.application.conversations.CountingUnread;
import io.chatsync.application.conversations.ListConversationsUseCase;
import io.chatsync.application.conversations.ListingConversations;
import io.chatsync.application.conversations.LoadConversationsPort;
import io.chatsync.application.delivery.DeliverChangesUseCase;
import io.chatsync.application.delivery.FeedProgress;
import io.chatsync.application.delivery.DeliveringChanges;
import io.chatsync.application.delivery.PublishToRealtimePort;
import io.chatsync.application.history.LoadThreadHistoryPort;
import io.chatsync.application.history.LoadThreadHistoryUseCase;
import io.chatsync.application.history.LoadingThreadHistory;
import io.chatsync.application.posting.PostMessageUseCase;
import io.chatsync.application.posting.PostingMessage;
import io.chatsync.application.posting.StoreMessagePort;
import io.chatsync.application.reading.MarkThreadReadUseCase;
import io.chatsync.application.reading.MarkingThreadRead;
import io.chatsync.application.reading.StoreThreadReadPort;
import io.chatsync.application.resume.ReplayPort;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import io.chatsync.application.resume.ResumeSettings;
import io.chatsync.application.resume.ResumingSessions;
import io.chatsync.application.resume.SessionsPort;
import io.chatsync.domain.message.BodyPolicy;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The use cases, each built with {@code new} from the ports the adapters offer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatsyncProperties.class)
@Import({PostgresAdapterConfiguration.class, LimitsWiring.class})
public class ChatsyncConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RowSettings rowSettings(ChatsyncProperties properties) {
        return new RowSettings(properties.rows().legacyTimeZone());
    }

    @Bean
    ColumnRules columnRules(ChatsyncProperties properties) {
        return new ColumnRules(properties.rows().hiddenFromStudents());
    }

    @Bean
    BodyPolicy bodyPolicy(ChatsyncProperties properties) {
        return new BodyPolicy(properties.maxMessageLength());
    }

    /** Posting, within each author's allowance ({@code chatsync.limits.post}). */
    @Bean
    PostMessageUseCase postMessage(StoreMessagePort store, BodyPolicy bodyPolicy, Clock clock, ActionLimits limits) {
        return new LimitedPosting(new PostingMessage(store, bodyPolicy, clock), limits);
    }

    /** Marking read, within each reader's allowance ({@code chatsync.limits.mark-read}). */
    @Bean
    MarkThreadReadUseCase markThreadRead(StoreThreadReadPort store, Clock clock, ActionLimits limits) {
        return new LimitedReading(new MarkingThreadRead(store, clock), limits);
    }

    @Bean
    LoadThreadHistoryUseCase loadThreadHistory(LoadThreadHistoryPort history) {
        return new LoadingThreadHistory(history);
    }

    @Bean
    ListConversationsUseCase listConversations(LoadConversationsPort conversations) {
        return new ListingConversations(conversations);
    }

    @Bean
    CountUnreadUseCase countUnread(CountUnreadPort unread) {
        return new CountingUnread(unread);
    }

    @Bean
    ResumeSessionsUseCase resumeSessions(SessionsPort sessions, ReplayPort replay, FeedProgress feed,
            ChatsyncProperties properties, Clock clock) {
        ResumeSettings settings;
        try {
            settings = new ResumeSettings(properties.resume().window(), properties.resume().maxEvents(),
                    properties.feed().retention());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("chatsync.resume is not usable: " + e.getMessage(), e);
        }
        return new ResumingSessions(sessions, replay, feed, settings, clock);
    }

    /** Every realtime side the node runs gets each committed change; a node may run none. */
    @Bean
    DeliverChangesUseCase deliverChanges(ObjectProvider<PublishToRealtimePort> realtime, FeedProgress progress) {
        return new DeliveringChanges(realtime.orderedStream().toList(), progress);
    }

    /** How far the change feed has come, for replays and catch-ups. */
    @Bean
    FeedProgress feedProgress() {
        return new FeedProgress();
    }
}
