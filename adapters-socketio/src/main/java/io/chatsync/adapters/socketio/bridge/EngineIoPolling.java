package io.chatsync.adapters.socketio.bridge;

import io.chatsync.adapters.socketio.gateway.Gateway;
import io.chatsync.adapters.socketio.gateway.Gateways;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Engine.IO long-polling on {@code /socket.io/}, handed to the gateway of the port the request arrived on.
 * WebSocket upgrades ({@code Upgrade} header) go to {@link EngineIoWebSocketHandler} instead.
 */
@Controller
public class EngineIoPolling {

    private final Gateways gateways;
    private final int maxFrameBytes;

    public EngineIoPolling(Gateways gateways, int maxFrameBytes) {
        this.gateways = gateways;
        this.maxFrameBytes = maxFrameBytes;
    }

    @RequestMapping(path = "/socket.io/", headers = "!Upgrade",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.OPTIONS})
    public void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Gateway> gateway = gateways.forPort(request.getLocalPort());
        if (gateway.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "this port serves no Socket.IO gateway");
            return;
        }
        // Engine.IO allocates a buffer of the stated length before reading: refuse what could exhaust memory.
        if ("POST".equals(request.getMethod())) {
            long length = request.getContentLengthLong();
            if (length < 0) {
                response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED, "polling posts state their length");
                return;
            }
            if (length > maxFrameBytes) {
                response.sendError(413, "polling posts are limited to " + maxFrameBytes + " bytes");
                return;
            }
        }
        gateway.get().engine().handleRequest(request, response);
    }
}
