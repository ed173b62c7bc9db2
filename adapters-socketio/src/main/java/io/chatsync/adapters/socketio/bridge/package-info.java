/**
 * Engine.IO on Spring's stack: long-polling through a Spring MVC handler, WebSocket through a Spring
 * {@code WebSocketHandler}, and a bounded outbox per connection so that no write blocks the thread that sends.
 */
@NullMarked
package io.chatsync.adapters.socketio.bridge;

import org.jspecify.annotations.NullMarked;
