package io.chatsync.adapters.socketio.bridge;

import io.chatsync.adapters.socketio.gateway.ClientConnection;
import io.chatsync.adapters.socketio.gateway.Gateway;
import io.chatsync.adapters.socketio.gateway.Gateways;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Engine.IO long-polling on {@code /socket.io/}, handed to the gateway of the port the request arrived on.
 * WebSocket upgrades ({@code Upgrade} header) go to {@link EngineIoWebSocketHandler} instead.
 *
 * <p>A post is read here, before the engine sees it: the engine would read it while holding the session's lock,
 * which every delivery to that session also takes, so a post that trickles in would stall them. Here a post states
 * its length, within the connection's frame limit, and arrives whole within the post time-out
 * ({@link PollingPost}), or it is refused.
 */
@Controller
public class EngineIoPolling {

    private final Gateways gateways;
    private final ClientAddresses addresses;

    public EngineIoPolling(Gateways gateways, ClientAddresses addresses) {
        this.gateways = gateways;
        this.addresses = addresses;
    }

    @RequestMapping(path = "/socket.io/", headers = "!Upgrade",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.OPTIONS})
    public void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Gateway> found = gateways.forPort(request.getLocalPort());
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "this port serves no Socket.IO gateway");
            return;
        }
        Gateway gateway = found.get();
        Map<String, String> query = query(request);
        if (!"4".equals(query.get("EIO")) || query.containsKey("j") || query.containsKey("b64")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "only Engine.IO protocol 4 (Socket.IO v3 and v4), without JSONP");
            return;
        }
        String sid = query.get("sid");
        if (sid == null) {
            if ("GET".equals(request.getMethod())) {
                ClientConnection connection = addresses.connection(InetAddress.getByName(request.getRemoteAddr()),
                        HandshakeHeaders.of(request), true);
                HeldResponse held = new HeldResponse(response);
                if (!gateway.open(connection, () -> gateway.engine().handleRequest(request, held))) {
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                            "too many connections without a CONNECT");
                    return;
                }
                held.release();
                return;
            }
            gateway.engine().handleRequest(request, response);
            return;
        }
        Optional<ClientConnection> connection = gateway.connection(sid);
        if (connection.isEmpty()) {
            // Answered as the engine answers it, which clients act on; a post's body is never handed to the engine.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.getWriter().write("{\"code\": 1, \"message\": \"Session ID unknown\"}");
            return;
        }
        switch (request.getMethod()) {
            case "GET" -> {
                connection.get().polled();
                gateway.engine().handleRequest(request, response);
            }
            case "POST" -> PollingPost.read(request, response, gateway, connection.get());
            default -> gateway.engine().handleRequest(request, response);
        }
    }

    /**
     * The query as the engine itself reads it. Never {@code getParameter}: on a form-encoded post it would read the
     * body, before this class bounds it.
     */
    private static Map<String, String> query(HttpServletRequest request) {
        return Query.parse(request.getQueryString());
    }
}
