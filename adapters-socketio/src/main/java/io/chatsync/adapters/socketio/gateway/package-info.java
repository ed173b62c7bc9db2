/**
 * Who is connected: one Socket.IO server per side (staff, students), every socket authenticated at its
 * CONNECT, and the index of sockets by student thread that decides who receives what.
 */
@NamedInterface("gateway")
@NullMarked
package io.chatsync.adapters.socketio.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
