package io.chatsync.adapters.socketio.gateway;

import io.socket.socketio.server.SocketIoSocket;

/** Told of every socket that connected and passed authentication, to listen for its events. */
@FunctionalInterface
public interface ConnectionHandler {

    void connected(ConnectedSocket socket, SocketIoSocket events);
}
