/** Where a message enters from a socket: the client events, each answered with an acknowledgement. */
package io.chatsync.adapters.socketio.inbound;
