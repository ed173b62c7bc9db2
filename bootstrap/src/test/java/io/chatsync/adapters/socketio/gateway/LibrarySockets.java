package io.chatsync.adapters.socketio.gateway;

import io.chatsync.domain.thread.Recipients;
import io.socket.socketio.server.SocketIoSocket;
import java.util.List;

/** The Socket.IO library's sockets behind a node's connected sockets, for tests that look at what it keeps. */
public final class LibrarySockets {

    private LibrarySockets() {
    }

    /** The library's socket of each socket entitled to hear of a change with these recipients. */
    public static List<SocketIoSocket> of(ConnectedSockets sockets, Recipients recipients) {
        return sockets.of(recipients).stream().map(ConnectedSocket::socket).toList();
    }
}
