package io.chatsync.application.resume;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A session's private id ({@code pid}), which only its client knows, and the hash of it that the database keeps: a
 * leaked table lets no one take a session over.
 */
public final class SessionKey {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest pid this product hands out (22 characters) and some room; a longer one is not ours. */
    private static final int MAX_PID_LENGTH = 64;

    private final String pid;
    private final byte[] hash;

    private SessionKey(String pid) {
        this.pid = pid;
        try {
            this.hash = MessageDigest.getInstance("SHA-256").digest(pid.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A new private id: 128 random bits. */
    public static SessionKey generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new SessionKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The key of a pid a client sent; empty for one this product would never have handed out. */
    public static Optional<SessionKey> of(String pid) {
        if (pid.isEmpty() || pid.length() > MAX_PID_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new SessionKey(pid));
    }

    /** The private id, for its client only: never logged. */
    public String pid() {
        return pid;
    }

    /** The SHA-256 of the pid, in hex: what the database keeps. */
    public String hash() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionKey key && Arrays.equals(hash, key.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    /** The start of the hash: enough to tell sessions apart in a log, nothing to resume with. */
    @Override
    public String toString() {
        return "session " + HexFormat.of().formatHex(hash, 0, 4);
    }
}
