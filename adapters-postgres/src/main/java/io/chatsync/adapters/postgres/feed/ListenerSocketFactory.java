package io.chatsync.adapters.postgres.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * The socket under a feed's listening connection, which tells the feed whenever bytes arrive on it.
 *
 * <p>pgjdbc's {@code getNotifications} hands notifications over only once none has arrived for 1 ms. Commits
 * that notify are serialised, so under a steady load they arrive about that far apart and the call can keep
 * reading for seconds. Bytes arriving on the listening connection are the earliest sign that something was
 * committed; the feed reads the log on another connection as soon as they do, whatever the listening thread is
 * still doing. pgjdbc creates the factory by class name ({@code socketFactory}); {@code socketFactoryArg} names
 * the feed's wake-up registered here.
 */
public final class ListenerSocketFactory extends SocketFactory {

    private static final Map<String, Runnable> WAKE_UPS = new ConcurrentHashMap<>();

    private final Runnable wakeUp;

    /** Called by pgjdbc with the connection's properties. */
    public ListenerSocketFactory(Properties properties) {
        String key = properties.getProperty("socketFactoryArg");
        Runnable registered = key == null ? null : WAKE_UPS.get(key);
        if (registered == null) {
            throw new IllegalStateException("no change feed registered a wake-up under " + key);
        }
        this.wakeUp = registered;
    }

    static void register(String key, Runnable wakeUp) {
        WAKE_UPS.put(key, wakeUp);
    }

    static void unregister(String key) {
        WAKE_UPS.remove(key);
    }

    @Override
    public Socket createSocket() {
        return new WakingSocket(wakeUp);
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

        private final Runnable wakeUp;
        private int peeksInARow;

        WakingSocket(Runnable wakeUp) {
            this.wakeUp = wakeUp;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    handOverNowAndThen();
                    int b = super.read();
                    if (b >= 0) {
                        wakeUp.run();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    handOverNowAndThen();
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        wakeUp.run();
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
