package io.chatsync.adapters.socketio.gateway;

import io.chatsync.application.delivery.ChatChange;
import io.chatsync.domain.message.Side;

/** A change as the event a socket of one side is sent, as live delivery encodes it; for replaying it. */
@FunctionalInterface
public interface ChangeEncoder {

    OutboundEvent encode(ChatChange change, Side side);
}
