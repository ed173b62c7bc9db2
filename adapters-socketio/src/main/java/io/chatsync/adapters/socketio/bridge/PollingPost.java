package io.chatsync.adapters.socketio.bridge;

import io.chatsync.adapters.socketio.gateway.ClientConnection;
import io.chatsync.adapters.socketio.gateway.Gateway;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polling post read without blocking a thread, within its stated length, the connection's frame limit and the
 * post time-out; once whole it goes to the engine as a request whose body is already in memory.
 */
final class PollingPost implements ReadListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(PollingPost.class);

    private final AsyncContext async;
    private final ServletInputStream input;
    private final Gateway gateway;
    private final ClientConnection connection;
    private final byte[] body;
    private final AtomicBoolean finished = new AtomicBoolean();
    private int read;

    private PollingPost(AsyncContext async, ServletInputStream input, Gateway gateway, ClientConnection connection,
            int length) {
        this.async = async;
        this.input = input;
        this.gateway = gateway;
        this.connection = connection;
        this.body = new byte[length];
    }

    static void read(HttpServletRequest request, HttpServletResponse response, Gateway gateway,
            ClientConnection connection) throws IOException {
        long length = request.getContentLengthLong();
        int limit = connection.frameLimit(gateway.limits());
        String from = connection.client().getHostAddress();
        if (length < 0) {
            gateway.refusals().refused("polling-post-length", "a polling post without a length from " + from);
            response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED, "polling posts state their length");
            return;
        }
        if (length > limit) {
            gateway.refusals().refused(connection.isAuthenticated() ? "frame-too-long" : "connect-frame-too-long",
                    "a polling post of " + length + " bytes from " + from + " (limit " + limit + ")");
            response.setHeader("Connection", "close");
            response.sendError(413, "polling posts are limited to " + limit + " bytes");
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(gateway.limits().pollingPostTimeout().toMillis());
        PollingPost post = new PollingPost(async, request.getInputStream(), gateway, connection, (int) length);
        async.addListener(post);
        post.input.setReadListener(post);
    }

    @Override
    public void onDataAvailable() throws IOException {
        // The container ends the body at its stated length, which is the buffer's.
        while (read < body.length && input.isReady() && !input.isFinished()) {
            int n = input.read(body, read, body.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            if (read != body.length) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the post was shorter than its stated length");
                return;
            }
            gateway.engine().handleRequest(new Buffered((HttpServletRequest) async.getRequest(), body), response);
        } finally {
            async.complete();
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            log.debug("Reading a polling post from {} failed: {}", connection.client().getHostAddress(),
                    failure.getMessage());
            async.complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        gateway.refusals().refused("polling-post-timeout", "a polling post from "
                + connection.client().getHostAddress() + " that did not arrive within "
                + gateway.limits().pollingPostTimeout().toMillis() + " ms; its connection is closed");
        HttpServletResponse response = (HttpServletResponse) event.getSuppliedResponse();
        response.setHeader("Connection", "close");
        response.sendError(408, "the post did not arrive in time");
        connection.close();
        async.complete();
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }

    /** The request with its body already read. */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }
    }
}
