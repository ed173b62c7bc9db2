package io.chatsync.adapters.postgres.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatsync.adapters.postgres.testing.TestDatabase;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListenerSocketFactoryTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void bytesReadOffTheListeningConnectionWakeTheFeed() throws SQLException {
        AtomicInteger wakeUps = new AtomicInteger();
        ListenerSocketFactory.register("socket-test", wakeUps::incrementAndGet);
        ChangeFeedSettings settings = ChangeFeedSettings.of("socket-test", database.url(), null, null);
        try (Connection listener = settings.openListenerConnection("socket-test");
             Statement listen = listener.createStatement();
             Connection writer = database.connection();
             Statement notify = writer.createStatement()) {
            listen.execute("LISTEN chat_messages");
            int beforeNotify = wakeUps.get();

            notify.execute("NOTIFY chat_messages, 'x'");

            // The wake-up comes from the socket as pgjdbc reads the notification off it, before pgjdbc returns.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                listener.unwrap(org.postgresql.PGConnection.class).getNotifications(10);
                return wakeUps.get() > beforeNotify;
            });
            assertThat(wakeUps.get()).isGreaterThan(beforeNotify);
        } finally {
            ListenerSocketFactory.unregister("socket-test");
        }
    }

    @Test
    void aStreamWithoutPauseIsInterruptedNowAndThenSoPgjdbcHandsOverWhatItCollected() throws Exception {
        ListenerSocketFactory.register("stream-test", () -> { });
        Properties properties = new Properties();
        properties.setProperty("socketFactoryArg", "stream-test");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new ListenerSocketFactory(properties).createSocket()) {
            socket.connect(server.getLocalSocketAddress());
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(new byte[5_000]);
                peer.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                // pgjdbc asks "is another message waiting?" by reading one byte with a 1 ms time-out.
                socket.setSoTimeout(1);
                int answered = 0;
                while (answered < 5_000) {
                    try {
                        in.read(new byte[1], 0, 1);
                        answered++;
                    } catch (SocketTimeoutException handOver) {
                        break;
                    }
                }

                assertThat(answered).isEqualTo(999);
                socket.setSoTimeout(10_000);
                assertThat(in.read(new byte[1], 0, 1)).as("the byte that was not read is still there").isEqualTo(1);
            }
        } finally {
            ListenerSocketFactory.unregister("stream-test");
        }
    }

    @Test
    void aConnectionForAFeedThatRegisteredNothingIsRefused() {
        ChangeFeedSettings settings = ChangeFeedSettings.of("nobody", database.url(), null, null);

        assertThatThrownBy(() -> settings.openListenerConnection("never-registered").close())
                .hasStackTraceContaining("no change feed registered a wake-up under never-registered");
    }
}
