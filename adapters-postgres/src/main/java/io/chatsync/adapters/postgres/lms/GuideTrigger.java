package io.chatsync.adapters.postgres.lms;

/**
 * A trigger of the legacy guide's on {@code chats}: not chatsync's, and its function notifies the legacy channels.
 *
 * @param trigger its name
 * @param function its function, schema-qualified
 * @param enabled whether it fires
 */
public record GuideTrigger(String trigger, String function, boolean enabled) {
}
