package io.chatsync.adapters.socketio.bridge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * The headers of a connection's first request that the gateway reads: {@code Authorization} (a bearer token, in
 * {@code ConnectCredentials}) and {@code X-Forwarded-For} (the client behind a trusted proxy, in
 * {@link ClientAddresses}). Only these are kept for the connection's life. A browser's handshake carries a dozen
 * headers, cookies and user agent among them, and Spring, Engine.IO and the gateway would each keep a copy on
 * every socket for as long as it is open.
 */
final class HandshakeHeaders {

    static final Set<String> KEPT = Set.of("authorization", "x-forwarded-for");

    /**
     * What Tomcat reads of a WebSocket handshake besides the kept headers, each by its name. Tomcat also copies
     * every header it can enumerate, and the query parameters, into a handshake request it keeps for the
     * connection's life and that nothing here reads again, so it can enumerate none of them.
     */
    static final Set<String> UPGRADE = Set.of("host", "upgrade", "connection", "origin", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions");

    /**
     * The session attribute that carries the handshake's raw query string to the handler, once: the URI the
     * container keeps for the connection's life is built without it.
     */
    static final String QUERY = "chatsync.query";

    private HandshakeHeaders() {
    }

    /** The kept headers of a polling request. */
    static Map<String, List<String>> of(HttpServletRequest request) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (isKept(name)) {
                kept.putIfAbsent(name, Collections.list(request.getHeaders(name)));
            }
        }
        return kept;
    }

    /** The kept headers of a WebSocket session, as Engine.IO wants them. */
    static Map<String, List<String>> of(HttpHeaders headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (isKept(name)) {
                kept.put(name, new ArrayList<>(values));
            }
        });
        return kept;
    }

    private static boolean isKept(String name) {
        return name != null && KEPT.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Spring's upgrade to a WebSocket, with the session given only the kept headers, and the container only those
     * and what the upgrade itself needs. The handshake interceptors before it (the origin check) see every header.
     */
    static final class Upgrade extends StandardWebSocketUpgradeStrategy {

        @Override
        public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
                Map<String, Object> attrs) throws HandshakeFailureException {
            String query = request.getURI().getRawQuery();
            if (query != null && request instanceof ServletServerHttpRequest) {
                attrs.put(QUERY, query);
            }
            super.upgrade(request instanceof ServletServerHttpRequest servlet ? new Kept(servlet) : request, response,
                    selectedProtocol, selectedExtensions, user, wsHandler, attrs);
        }
    }

    /** A request that shows only the kept headers. */
    private static final class Kept extends ServletServerHttpRequest {

        private final HttpHeaders headers = new HttpHeaders();

        Kept(ServletServerHttpRequest request) {
            super(new ForUpgrade(request.getServletRequest()));
            request.getHeaders().forEach((name, values) -> {
                if (isKept(name)) {
                    headers.put(name, values);
                }
            });
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    /**
     * The servlet request as the container upgrades it: the kept headers and the upgrade's own by name, none by
     * enumeration, and no query (the handler reads it from the {@link #QUERY} attribute). The container keeps
     * the request's URI, query string and parameters for the connection's life; a token in the query
     * ({@code chatsync.gateway.token-query-parameter}) would stay there with them.
     */
    static final class ForUpgrade extends HttpServletRequestWrapper {

        ForUpgrade(HttpServletRequest request) {
            super(request);
        }

        private static boolean shown(String name) {
            return isKept(name) || UPGRADE.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String getHeader(String name) {
            return shown(name) ? super.getHeader(name) : null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return shown(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
        }

        /**
         * None: the container reads the upgrade's headers by name, and would keep a copy of each one it can
         * enumerate (a map entry, a key, a list and three strings a header: 64 objects a socket for the five an
         * upgrade sends, in a heap dump; docs/benchmarks.md).
         */
        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
