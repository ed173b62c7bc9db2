/**
 * How every node notices a change: the commit-ordered {@code chat_changes} log, read from a cursor on a dedicated
 * {@code LISTEN} connection (docs/change-feed.md). Its settings and status are what the rest of a node may use.
 */
@NamedInterface("feed")
package io.chatsync.adapters.postgres.feed;

import org.springframework.modulith.NamedInterface;
