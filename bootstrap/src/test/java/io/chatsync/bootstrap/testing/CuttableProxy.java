package io.chatsync.bootstrap.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between test clients and a node, for cutting connections the way a network does: no close
 * handshake reaches either side ({@link #cut}: both ends are reset), and until it is pointed {@link #to} a node again
 * every new connection is reset at once, as a phone in a tunnel would find.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile int target;
    private volatile boolean up;

    public CuttableProxy(int targetPort) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        target = targetPort;
        up = true;
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URL clients connect to. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Resets every connection through the proxy, and every new one until {@link #to}. */
    public void cut() {
        up = false;
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    /** From now on, new connections reach the node on {@code port}. */
    public void to(int port) {
        target = port;
        up = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!up) {
                reset(client);
                continue;
            }
            try {
                Socket node = new Socket();
                node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2_000);
                open.add(client);
                open.add(node);
                pump(client, node);
                pump(node, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                // An orderly end passes on as one: the other side reads everything before it.
                to.shutdownOutput();
            } catch (IOException e) {
                // The other direction, or a cut, closed the pair: nothing is left to carry.
                reset(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with a reset (linger 0): the peer gets no orderly end of stream. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already closed: a reset has nothing more to do.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
