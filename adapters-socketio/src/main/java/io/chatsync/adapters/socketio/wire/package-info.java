/** What travels on the socket both ways: the legacy payloads and room names, shared by inbound and outbound. */
@NullMarked
package io.chatsync.adapters.socketio.wire;

import org.jspecify.annotations.NullMarked;
