/** How a message looks to the clients of the legacy backends, the one shape both the sockets and the HTTP API show. */
@NullMarked
package io.chatsync.application.wire;

import org.jspecify.annotations.NullMarked;
