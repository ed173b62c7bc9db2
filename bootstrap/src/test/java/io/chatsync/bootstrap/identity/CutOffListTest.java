package io.chatsync.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.socketio.gateway.ConnectedSockets;
import io.chatsync.adapters.socketio.gateway.Refusals;
import io.chatsync.application.access.CutOff;
import io.chatsync.domain.thread.Participant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The node's copy of the cut-offs, against its own refresh running at any moment. */
@Timeout(30)
class CutOffListTest {

    /**
     * A refresh that read the cut-off while this node was still making it would disconnect the user's sockets
     * first, and the operator would be told none were disconnected here (seen once in AdmissionTest).
     */
    @Test
    void aRefreshWaitsForACutOffInProgressOnThisNode() throws Exception {
        AtomicReference<Thread.State> refreshDuringTheCut = new AtomicReference<>();
        AtomicReference<CutOffList> list = new AtomicReference<>();
        AtomicReference<Thread> refreshing = new AtomicReference<>();
        JwtParticipantsTest.CutOffsInMemory store = new JwtParticipantsTest.CutOffsInMemory() {
            @Override
            public CutOff cutOff(Participant user) {
                CutOff cutOff = super.cutOff(user);
                // The refresh timer fires while the cut-off is stored but not yet applied here.
                Thread refresh = new Thread(() -> list.get().refresh(), "cut-off-refresh");
                refreshing.set(refresh);
                refresh.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> EnumSet.of(Thread.State.WAITING,
                        Thread.State.BLOCKED, Thread.State.TERMINATED).contains(refresh.getState()));
                refreshDuringTheCut.set(refresh.getState());
                return cutOff;
            }
        };
        list.set(new CutOffList(store, new ConnectedSockets(new Refusals(new SimpleMeterRegistry()))));

        Participant user = Participant.student(7);
        CutOffList.CutOffResult result = list.get().cutOff(user);

        refreshing.get().join(10_000);
        assertThat(refreshing.get().isAlive()).isFalse();
        assertThat(refreshDuringTheCut.get()).isNotEqualTo(Thread.State.TERMINATED);
        assertThat(result.cutOff().user()).isEqualTo(user);
        assertThat(list.get().covers(user)).isTrue();
    }
}
