package io.chatsync.application.resume;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.delivery.FeedProgress;
import io.chatsync.application.delivery.LogOffset;
import io.chatsync.domain.message.StudentId;
import io.chatsync.domain.thread.Participant;
import io.chatsync.domain.thread.Recipients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link ResumeSessionsUseCase} on the sessions the database keeps and the change log. */
public final class ResumingSessions implements ResumeSessionsUseCase {

    private final SessionsPort sessions;
    private final ReplayPort replay;
    private final ResumeSettings settings;
    private final Clock clock;
    private final Offsets offsets;

    private final FeedProgress feed;

    /** @param feed what this node's change feed has handed over: a catch-up over HTTP reaches that far */
    public ResumingSessions(SessionsPort sessions, ReplayPort replay, FeedProgress feed, ResumeSettings settings,
            Clock clock) {
        this.sessions = sessions;
        this.feed = feed;
        this.replay = replay;
        this.settings = settings;
        this.clock = clock;
        this.offsets = new Offsets(sessions.offsetKey());
    }

    @Override
    public void begin(SessionKey key, Participant owner, LogOffset began) {
        sessions.begin(key, owner, began, clock.instant());
    }

    @Override
    public Resumption resume(Participant owner, String pid, @Nullable String offset, LogOffset handedOver) {
        Optional<SessionKey> key = SessionKey.of(pid);
        Optional<StoredSession> stored = key.flatMap(sessions::find);
        // An unknown pid and another user's are answered alike: nothing tells them apart.
        if (stored.isEmpty() || !stored.get().owner().equals(owner)) {
            return new Resumption.NotResumed("no session of " + owner + " has that pid");
        }
        StoredSession session = stored.get();
        Instant now = clock.instant();
        Instant oldest = now.minus(settings.window());
        if (session.seenAt().isBefore(oldest)) {
            return new Resumption.NotResumed("the session was last seen at " + session.seenAt());
        }
        Offsets.Sent had;
        if (offset == null && session.lastOffset() != null) {
            // It was sent events, and had none of them: it has had what it had when it began.
            had = new Offsets.Sent(session.began(), session.begunAt());
        } else if (offset == null || offset.equals(session.lastOffset())) {
            // The client has had the last event it was sent, so everything the session was sent until it was quiet.
            had = new Offsets.Sent(session.quietThrough(), session.quietAt());
        } else {
            Optional<Offsets.Sent> opened = offsets.open(offset);
            if (opened.isEmpty()) {
                return new Resumption.NotResumed("the offset is not one a node sent");
            }
            had = opened.get();
        }
        if (had.at().isBefore(oldest)) {
            return new Resumption.NotResumed("the client's offset was sent at " + had.at());
        }
        return replay(owner, key.get(), session.rooms(), had.offset(), handedOver);
    }

    @Override
    public Resumption rest(Participant owner, Resumption.Resumed resumed, LogOffset handedOver) {
        return replay(owner, resumed.key(), resumed.rooms(), resumed.had(), handedOver);
    }

    /** The changes in {@code within} and not in {@code had} that {@code owner} is entitled to. */
    private Resumption replay(Participant owner, SessionKey key, Set<StudentId> rooms, LogOffset had,
            LogOffset within) {
        ReplayPort.Replayed read = replay.changes(owner, rooms, had, within, settings.maxEvents());
        if (!read.complete()) {
            return new Resumption.NotResumed("it missed more than " + settings.maxEvents() + " events");
        }
        List<ChatChange> missed = entitled(owner, rooms, read, had, within);
        boolean listChanged = owner instanceof Participant.Staff ? !had.covers(within) : !missed.isEmpty();
        return new Resumption.Resumed(key, rooms, missed, had.union(within), listChanged);
    }

    /**
     * The changes read that {@code owner} is entitled to (watching {@code rooms}, or every thread when absent), each
     * handed over with what the client has had once it has that change.
     */
    private static List<ChatChange> entitled(Participant owner, @Nullable Set<StudentId> rooms,
            ReplayPort.Replayed read, LogOffset had, LogOffset within) {
        List<ChatChange> missed = new ArrayList<>();
        for (ChatChange change : read.changes()) {
            boolean entitled = rooms == null && owner instanceof Participant.Staff
                    || audience(change).include(owner, rooms == null ? Set.of() : rooms);
            if (entitled) {
                missed.add(change.withHandedOver(had.union(within.through(change.position().value()))));
            }
        }
        return missed;
    }

    @Override
    public CatchUp changesSince(Participant reader, @Nullable String after, int limit) {
        LogOffset within = feed.handedOver();
        if (after == null) {
            return new CatchUp(List.of(), offsets.seal(within, clock.instant()), false);
        }
        Offsets.Sent had = offsets.open(after).orElseThrow(() -> new InvalidOffset(
                "after is not an offset chatsync sent: pass one from an event or from this endpoint"));
        if (had.at().isBefore(clock.instant().minus(settings.horizon()))) {
            throw new OffsetTooOld("the offset was sent at " + had.at() + ", before the change log's retention ("
                    + settings.horizon() + "): reload the history instead");
        }
        ReplayPort.Replayed read = replay.changes(reader, null, had.offset(), within, limit);
        List<ChatChange> changes = entitled(reader, null, read, had.offset(), within);
        LogOffset through = had.offset().union(within.through(read.readThrough()));
        return new CatchUp(changes, offsets.seal(through, clock.instant()), !read.complete());
    }

    private static Recipients audience(ChatChange change) {
        if (change instanceof ChatChange.MessageAdded added) {
            return Recipients.ofNewMessage(added.thread(), added.message().sender());
        }
        return Recipients.ofReadReceipt(change.thread());
    }

    @Override
    public String offset(LogOffset had, Instant sentAt) {
        return offsets.seal(had, sentAt);
    }

    @Override
    public void rooms(Map<SessionKey, Set<StudentId>> rooms) {
        sessions.rooms(rooms);
    }

    @Override
    public void seen(List<SessionsPort.Progress> progress) {
        if (!progress.isEmpty()) {
            sessions.seen(progress, clock.instant());
        }
    }

    @Override
    public int forgetExpired() {
        return sessions.forgetSeenBefore(clock.instant().minus(settings.window()));
    }

    @Override
    public ResumeSettings settings() {
        return settings;
    }
}
