package io.chatsync.adapters.socketio.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/**
 * The outbox against Spring's own adapter of a container session; the container's side records what it was asked
 * to do, and the writers' executor runs its tasks only when the test says so.
 */
class OutboxTest {

    private final List<String> container = new ArrayList<>();
    private final Queue<Runnable> writers = new ArrayDeque<>();
    private final Map<String, Object> userProperties = new HashMap<>();
    /** The texts the container was asked to send, as the objects it was handed. */
    private final List<String> sentTexts = new ArrayList<>();
    private boolean flushFails;
    /** What the container's writes throw; none when null. */
    private IOException writeFailure;

    @Test
    void framesWaitingWhenTheWriterStartsAreSentWithOneFlush() {
        Outbox outbox = outbox(10);

        outbox.send(new TextMessage("42[\"message:new\",1]"));
        outbox.send(new TextMessage("42[\"message:new\",2]"));
        outbox.send(new TextMessage("42[\"message:new\",3]"));
        runWriters();

        assertThat(container).containsExactly("batching on", "text 42[\"message:new\",1]",
                "text 42[\"message:new\",2]", "text 42[\"message:new\",3]", "batching off");
    }

    @Test
    void aLargeFrameIsNotHeldButSentAfterWhatIsHeld() {
        Outbox outbox = outbox(10);
        String large = "4" + "x".repeat(Outbox.LARGEST_HELD);

        outbox.send(new TextMessage("small 1"));
        outbox.send(new TextMessage(large));
        outbox.send(new TextMessage("small 2"));
        outbox.send(new TextMessage("small 3"));
        runWriters();

        assertThat(container).containsExactly("batching on", "text small 1", "batching off", "text " + large,
                "batching on", "text small 2", "text small 3", "batching off");
    }

    @Test
    void aFrameFoundAloneIsWrittenAtOnce() {
        Outbox outbox = outbox(10);

        outbox.send(new TextMessage("42[\"message:new\",1]"));
        runWriters();
        outbox.send(new TextMessage("42[\"message:new\",2]"));
        runWriters();

        assertThat(container).containsExactly("text 42[\"message:new\",1]", "text 42[\"message:new\",2]");
    }

    @Test
    void aBatchThatCannotBeSentClosesTheConnection() {
        Outbox outbox = outbox(10);
        flushFails = true;

        outbox.send(new TextMessage("42[\"message:new\",1]"));
        outbox.send(new TextMessage("42[\"message:new\",2]"));
        runWriters();
        outbox.send(new TextMessage("42[\"message:new\",3]"));
        runWriters();

        assertThat(container).containsExactly("batching on", "text 42[\"message:new\",1]",
                "text 42[\"message:new\",2]", "batching off failed",
                "close " + CloseStatus.SESSION_NOT_RELIABLE.getCode());
    }

    @Test
    void aConnectionWithMoreFramesWaitingThanItsLimitIsClosedAndSendsNothingMore() {
        List<String> overflows = new ArrayList<>();
        Outbox outbox = new Outbox(session(), 2, Duration.ofHours(1), writers::add, new RecentFrames(),
                () -> overflows.add("overflow"));

        outbox.send(new TextMessage("1"));
        outbox.send(new TextMessage("2"));
        outbox.send(new TextMessage("3"));
        runWriters();

        assertThat(container).containsExactly("close " + Outbox.TOO_SLOW.getCode());
        assertThat(overflows).containsExactly("overflow");
    }

    @Test
    void aClientThatTookNoFrameForTheSlowReaderTimeWhileFramesWaitedIsClosed() {
        List<String> overflows = new ArrayList<>();
        // A nanosecond: the second frame finds the first still waiting, unwritten for longer than that.
        Outbox outbox = new Outbox(session(), 1_000, Duration.ofNanos(1), writers::add, new RecentFrames(),
                () -> overflows.add("overflow"));

        outbox.send(new TextMessage("1"));
        outbox.send(new TextMessage("2"));
        runWriters();

        assertThat(container).containsExactly("close " + Outbox.TOO_SLOW.getCode());
        assertThat(overflows).containsExactly("overflow");
    }

    @Test
    void aClientThatTakesEveryFrameIsNeverBehindHoweverLongAgoItsLastFrameWas() {
        Outbox outbox = new Outbox(session(), 1_000, Duration.ofNanos(1), writers::add, new RecentFrames(), () -> {
            throw new AssertionError("no overflow expected");
        });

        outbox.send(new TextMessage("1"));
        runWriters();
        outbox.send(new TextMessage("2"));
        runWriters();

        assertThat(container).containsExactly("text 1", "text 2");
    }

    @Test
    void theContainerWaitsForAClientNoLongerThanTheSlowReaderTimeout() {
        new Outbox(session(), 10, Duration.ofSeconds(7), writers::add, new RecentFrames(), () -> { });

        assertThat(userProperties).containsEntry(Outbox.BLOCKING_SEND_TIMEOUT, 7_000L);
    }

    @Test
    void aWriteThatTimesOutWaitingForTheClientClosesTheConnectionAsASlowReader() {
        List<String> overflows = new ArrayList<>();
        Outbox outbox = new Outbox(session(), 1_000, Duration.ofSeconds(10), writers::add, new RecentFrames(),
                () -> overflows.add("overflow"));
        writeFailure = new IOException(new SocketTimeoutException("Write timeout"));

        outbox.send(new TextMessage("1"));
        runWriters();

        assertThat(container).containsExactly("text failed", "close " + Outbox.TOO_SLOW.getCode());
        assertThat(overflows).containsExactly("overflow");
    }

    @Test
    void aWriteThatFailsOtherwiseClosesTheConnectionAsUnreliable() {
        Outbox outbox = outbox(10);
        writeFailure = new IOException("Broken pipe");

        outbox.send(new TextMessage("1"));
        runWriters();

        assertThat(container).containsExactly("text failed", "close " + CloseStatus.SESSION_NOT_RELIABLE.getCode());
    }

    @Test
    void equalFramesWaitingForDifferentConnectionsAreOneObject() {
        RecentFrames recent = new RecentFrames();
        Outbox first = new Outbox(session(), 10, Duration.ofHours(1), writers::add, recent, () -> { });
        Outbox second = new Outbox(session(), 10, Duration.ofHours(1), writers::add, recent, () -> { });

        for (Outbox outbox : List.of(first, second)) {
            outbox.send(new TextMessage(new String("42[\"message:new\",1]")));
            // Each connection encodes its own copy; this one waits behind the first frame.
            outbox.send(new TextMessage(new String("42[\"message:new\",2]")));
        }
        runWriters();

        assertThat(sentTexts).hasSize(4);
        assertThat(sentTexts.get(0)).isNotSameAs(sentTexts.get(2));
        assertThat(sentTexts.get(1)).isEqualTo("42[\"message:new\",2]").isSameAs(sentTexts.get(3));
    }

    private Outbox outbox(int limit) {
        return new Outbox(session(), limit, Duration.ofHours(1), writers::add, new RecentFrames(), () -> {
            throw new AssertionError("no overflow expected");
        });
    }

    private void runWriters() {
        Runnable task;
        while ((task = writers.poll()) != null) {
            task.run();
        }
    }

    private StandardWebSocketSession session() {
        StandardWebSocketSession session = new StandardWebSocketSession(new HttpHeaders(), Map.of(), null, null);
        session.initializeNativeSession(containerSession());
        return session;
    }

    private Session containerSession() {
        RemoteEndpoint.Basic remote = fake(RemoteEndpoint.Basic.class, (method, args) -> {
            switch (method) {
                case "setBatchingAllowed" -> {
                    boolean on = (Boolean) args[0];
                    if (!on && flushFails) {
                        container.add("batching off failed");
                        throw new IOException("Broken pipe");
                    }
                    container.add(on ? "batching on" : "batching off");
                }
                case "sendText" -> {
                    if (writeFailure != null) {
                        container.add("text failed");
                        throw writeFailure;
                    }
                    sentTexts.add((String) args[0]);
                    container.add("text " + args[0]);
                }
                default -> throw new UnsupportedOperationException(method);
            }
            return null;
        });
        return fake(Session.class, (method, args) -> switch (method) {
            case "getBasicRemote" -> remote;
            case "getUserProperties" -> userProperties;
            case "isOpen" -> true;
            case "getId" -> "1";
            case "getRequestURI" -> URI.create("ws://127.0.0.1:3002/socket.io/?EIO=4&transport=websocket");
            case "getUserPrincipal", "getNegotiatedSubprotocol" -> null;
            case "getNegotiatedExtensions" -> List.of();
            case "close" -> {
                container.add("close " + ((CloseReason) args[0]).getCloseCode().getCode());
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Call {
        Object answer(String method, Object[] args) throws IOException;
    }

    private static <T> T fake(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(OutboxTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call.answer(method.getName(), args)));
    }
}
