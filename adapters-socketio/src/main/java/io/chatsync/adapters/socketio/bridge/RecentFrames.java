package io.chatsync.adapters.socketio.bridge;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.springframework.web.socket.TextMessage;

/**
 * The text frames lately queued behind others, so that a frame waiting for many connections is one object and not
 * one copy each. Engine.IO encodes a packet for every socket it is sent to, and a resumable session's event carries
 * its offset, so the same event reaches each outbox as a string of its own; a connection that has stopped reading
 * would keep thousands of them until it is cut. A slot holds the last frame of its hash: a frame equal to it is
 * replaced by it, any other takes the slot. Races lose only a chance to share, never a frame.
 */
final class RecentFrames {

    private static final int SLOTS = 256;

    private final AtomicReferenceArray<TextMessage> slots = new AtomicReferenceArray<>(SLOTS);

    /** An equal frame already waiting somewhere, or {@code frame} itself, kept for the next equal one. */
    TextMessage shared(TextMessage frame) {
        String text = frame.getPayload();
        int slot = spread(text.hashCode()) & (SLOTS - 1);
        TextMessage recent = slots.get(slot);
        if (recent != null && recent.getPayload().equals(text)) {
            return recent;
        }
        slots.set(slot, frame);
        return frame;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
