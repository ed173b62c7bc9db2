package io.chatsync.application.resume;

import io.chatsync.application.delivery.LogOffset;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The offset a client holds, as text: a {@link LogOffset}, when it was sent, and a MAC under a key every node shares
 * (kept in the database). Clients treat it as opaque; a node reads back only what some node wrote, so a forged or
 * edited offset resumes nothing.
 */
public final class Offsets {

    /** The MAC's first 12 bytes (96 bits), as 16 characters. */
    private static final int MAC_BYTES = 12;
    /** The longest text {@link #open} reads: an offset with {@link LogOffset#MAX_MISSING} ranges fits. */
    static final int MAX_LENGTH = 12_000;

    private final SecretKeySpec key;
    /** A Mac is not thread-safe, and costly to look up for every offset: one per thread that seals. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Offsets(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the offsets' key has at least 128 bits");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A change-log offset as sent at {@code at}. */
    public record Sent(LogOffset offset, Instant at) {
    }

    /** {@code 120:95-96~1765000000~<mac>}. */
    public String seal(LogOffset offset, Instant at) {
        String body = offset.text() + "~" + at.getEpochSecond();
        return body + "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    /** What {@link #seal} wrote; empty for anything else. */
    public Optional<Sent> open(String text) {
        if (text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int macAt = text.lastIndexOf('~');
        int timeAt = macAt < 0 ? -1 : text.lastIndexOf('~', macAt - 1);
        if (timeAt < 0) {
            return Optional.empty();
        }
        String body = text.substring(0, macAt);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(text.substring(macAt + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, mac(body))) {
            return Optional.empty();
        }
        // Written by a node: it parses.
        return Optional.of(new Sent(LogOffset.parse(text.substring(0, timeAt)),
                Instant.ofEpochSecond(Long.parseLong(text.substring(timeAt + 1, macAt)))));
    }

    private byte[] mac(String body) {
        // doFinal leaves the Mac ready for the next text under the same key.
        return Arrays.copyOf(macs.get().doFinal(body.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
