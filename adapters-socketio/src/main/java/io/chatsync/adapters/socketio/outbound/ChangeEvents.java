package io.chatsync.adapters.socketio.outbound;

import io.chatsync.adapters.socketio.gateway.ChangeEncoder;
import io.chatsync.adapters.socketio.gateway.OutboundEvent;
import io.chatsync.adapters.socketio.wire.WireJson;
import io.chatsync.application.delivery.ChatChange;
import io.chatsync.application.wire.ColumnRules;
import io.chatsync.domain.message.Side;

/** A change as the event each side's sockets are sent: {@code message:new} or {@code message:read}. */
public final class ChangeEvents implements ChangeEncoder {

    private final ColumnRules columns;

    /** @param columns which of a site's own columns each side's sockets are shown */
    public ChangeEvents(ColumnRules columns) {
        this.columns = columns;
    }

    @Override
    public OutboundEvent encode(ChatChange change, Side side) {
        if (change instanceof ChatChange.MessageAdded added) {
            return OutboundEvent.of("message:new", WireJson.message(columns.show(added.message(), side)));
        }
        ChatChange.ReadFlagsChanged read = (ChatChange.ReadFlagsChanged) change;
        return OutboundEvent.of("message:read",
                WireJson.read(read.chat().value(), read.readByStudent(), read.readByTeacher()));
    }

    /** Whether both sides are sent the same {@code message:new}: no column is kept from students. */
    boolean sameForBothSides() {
        return columns.sameForBothSides();
    }
}
