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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListenerSocketFactoryTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void bytesReadOffTheListeningConnectionWakeTheFeed() throws SQLException, InterruptedException {
        WakeUps wakeUps = new WakeUps();
        ChangeFeedSettings settings = ChangeFeedSettings.of("socket-test", database.url(), null, null);
        try (Connection listener = new FeedConnections(settings).openListener(wakeUps);
             Statement listen = listener.createStatement();
             Connection writer = database.connection();
             Statement notify = writer.createStatement()) {
            listen.execute("LISTEN chat_messages");
            wakeUps.clear();
            assertThat(wakeUps.await(0)).as("a wake-up before anything was notified").isFalse();

            notify.execute("NOTIFY chat_messages, 'x'");

            // The wake-up comes from the socket as pgjdbc reads the notification off it, before pgjdbc returns.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                listener.unwrap(org.postgresql.PGConnection.class).getNotifications(10);
                return wakeUps.await(0);
            });
        }
        assertThat(WakeUpHandOff.waiting()).as("hand-overs left behind once connected").isZero();
    }

    @Test
    void aStreamWithoutPauseIsInterruptedNowAndThenSoPgjdbcHandsOverWhatItCollected() throws Exception {
        Properties properties = new Properties();
        try (WakeUpHandOff handOff = new WakeUpHandOff(new WakeUps());
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = factory(properties, handOff).createSocket()) {
            socket.connect(server.getLocalSocketAddress());
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(new byte[5_000]);
                peer.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                // Every byte is there before the checks start: a time-out can then only be the hand-over's, not a
                // byte still on its way over loopback on a busy machine.
                await().atMost(Duration.ofSeconds(10)).until(() -> in.available() >= 5_000);
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
        }
    }

    private static ListenerSocketFactory factory(Properties properties, WakeUpHandOff handOff) {
        properties.setProperty("socketFactoryArg", handOff.key());
        return new ListenerSocketFactory(properties);
    }

    @Test
    void aSocketFactoryForAKeyNoFeedIsConnectingUnderIsRefused() {
        Properties properties = new Properties();
        properties.setProperty("socketFactoryArg", "chatsync-feed-guessed");
        String usedKey;
        try (WakeUpHandOff handOff = new WakeUpHandOff(new WakeUps())) {
            usedKey = handOff.key();
        }
        Properties ended = new Properties();
        ended.setProperty("socketFactoryArg", usedKey);

        assertThatThrownBy(() -> new ListenerSocketFactory(properties))
                .hasMessage("no change feed is connecting under chatsync-feed-guessed");
        assertThatThrownBy(() -> new ListenerSocketFactory(ended))
                .as("a key whose connection attempt ended").isInstanceOf(IllegalStateException.class);
    }
}
