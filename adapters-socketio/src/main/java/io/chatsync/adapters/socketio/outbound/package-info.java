/** How a committed change leaves: as the legacy events, to each socket entitled to it, once. */
@NullMarked
package io.chatsync.adapters.socketio.outbound;

import org.jspecify.annotations.NullMarked;
