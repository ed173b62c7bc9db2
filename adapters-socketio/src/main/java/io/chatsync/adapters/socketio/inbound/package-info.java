/** Where a message enters from a socket: the client events, each answered with an acknowledgement. */
@NullMarked
package io.chatsync.adapters.socketio.inbound;

import org.jspecify.annotations.NullMarked;
