/** Where messages enter from and leave to clients: Socket.IO v4, as the legacy backends served it, without their leaks. */
@NullMarked
package io.chatsync.adapters.socketio;

import org.jspecify.annotations.NullMarked;
