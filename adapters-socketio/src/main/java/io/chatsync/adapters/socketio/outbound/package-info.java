/** How a committed change leaves: as the legacy events, to each socket entitled to it, once. */
package io.chatsync.adapters.socketio.outbound;
