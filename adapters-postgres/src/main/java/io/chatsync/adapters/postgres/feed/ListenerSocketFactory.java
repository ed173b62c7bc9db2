package io.chatsync.adapters.postgres.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * The socket under a feed's listening connection, which tells the feed whenever bytes arrive on it.
 *
 * <p>pgjdbc's {@code getNotifications} hands notifications over only once none has arrived for 1 ms. Commits
 * that notify are serialised, so under a steady load they arrive about that far apart and the call can keep
 * reading for seconds. Bytes arriving on the listening connection are the earliest sign that something was
 * committed; the feed reads the log on another connection as soon as they do, whatever the listening thread is
 * still doing. pgjdbc creates the factory by class name ({@code socketFactory}) for each connection; the feed's
 * wake-ups reach it through {@link WakeUpHandOff}, named by {@code socketFactoryArg}.
 */
public final class ListenerSocketFactory extends SocketFactory {

    private final WakeUps wakeUps;

    /** Called by pgjdbc with the connection's properties. */
    public ListenerSocketFactory(Properties properties) {
        this.wakeUps = WakeUpHandOff.claim(properties.getProperty("socketFactoryArg"));
    }

    @Override
    public Socket createSocket() {
        return new WakingSocket(wakeUps);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw unconnected();
    }

    private static IOException unconnected() {
        return new IOException("pgjdbc connects the socket itself; only createSocket() is supported");
    }

    /**
     * Tells the feed of every read that brought bytes; and now and then makes pgjdbc's "is another message
     * waiting?" check find nothing, so that {@code getNotifications} hands over what it collected. Otherwise,
     * under a steady stream of commits, it would keep reading and keep every notification in a list that is
     * only released when it returns.
     */
    private static final class WakingSocket extends Socket {

        /** pgjdbc's check for a waiting message reads with a socket time-out of 1 ms. */
        private static final int PEEK_TIMEOUT_MILLIS = 1;

        /** Checks in a row that found a message, before one is made to find none. */
        static final int PEEKS_BEFORE_HANDOVER = 1_000;

        private final WakeUps wakeUps;
        private int peeksInARow;

        WakingSocket(WakeUps wakeUps) {
            this.wakeUps = wakeUps;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    handOverNowAndThen();
                    int b = super.read();
                    if (b >= 0) {
                        wakeUps.raise();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    handOverNowAndThen();
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        wakeUps.raise();
                    }
                    return read;
                }
            };
        }

        /**
         * Before any byte is read: a time-out here is what pgjdbc's check expects when nothing is waiting, and the
         * bytes stay on the socket for the next call.
         */
        private void handOverNowAndThen() throws IOException {
            if (getSoTimeout() != PEEK_TIMEOUT_MILLIS) {
                peeksInARow = 0;
                return;
            }
            if (++peeksInARow >= PEEKS_BEFORE_HANDOVER) {
                peeksInARow = 0;
                throw new SocketTimeoutException("hand the notifications collected so far over");
            }
        }
    }
}
