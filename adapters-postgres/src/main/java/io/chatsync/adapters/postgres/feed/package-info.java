/**
 * How every node notices a change: the commit-ordered {@code chat_changes} log, read from a cursor on a dedicated
 * {@code LISTEN} connection (docs/change-feed.md).
 */
package io.chatsync.adapters.postgres.feed;
