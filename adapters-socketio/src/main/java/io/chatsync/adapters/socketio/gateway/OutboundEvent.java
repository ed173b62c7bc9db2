package io.chatsync.adapters.socketio.gateway;

import org.json.JSONArray;
import org.json.JSONObject;
import org.jspecify.annotations.Nullable;

/**
 * An event to the main namespace, encoded once as a Socket.IO EVENT packet ({@code 2["name",payload]}) and sent as
 * it is to every socket that should have it.
 *
 * @param packet the encoded Socket.IO packet, without the Engine.IO message type
 */
public record OutboundEvent(String packet) {

    private static final char EVENT = '2';

    /** {@code name} with {@code payload}, or without any when there is none. */
    public static OutboundEvent of(String name, @Nullable Object payload) {
        JSONArray array = new JSONArray().put(name);
        if (payload != null) {
            array.put(payload);
        }
        return new OutboundEvent(EVENT + array.toString());
    }

    /**
     * The same event with a resumable session's offset as its last argument, as Socket.IO's connection state
     * recovery sends it: {@code 2["name",payload,"offset"]}.
     */
    public OutboundEvent withOffset(String offset) {
        return new OutboundEvent(packet.substring(0, packet.length() - 1) + "," + JSONObject.quote(offset) + "]");
    }
}
