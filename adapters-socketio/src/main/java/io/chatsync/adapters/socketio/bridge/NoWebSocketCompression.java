package io.chatsync.adapters.socketio.bridge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Upgrades to WebSocket without extensions. Clients (Node's {@code ws}, and so socket.io-client) offer
 * {@code permessage-deflate}, and Tomcat accepts whatever Spring's endpoint configuration passes on: every frame to
 * every socket would be compressed on its own, and each connection would keep a deflater, an inflater and about
 * 60 KB of buffers for them. Chat frames are a few hundred bytes, and the Socket.IO server does not compress by
 * default either. Removing the offer from the upgrade request is the one place where both Spring and Tomcat see it.
 */
public final class NoWebSocketCompression extends OncePerRequestFilter {

    static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(EXTENSIONS) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new WithoutExtensions(request), response);
    }

    private static final class WithoutExtensions extends HttpServletRequestWrapper {

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(header -> !EXTENSIONS.equalsIgnoreCase(header)).toList());
        }
    }
}
