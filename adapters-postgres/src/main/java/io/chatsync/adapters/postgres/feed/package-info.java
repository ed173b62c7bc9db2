/**
 * How every node notices a change: the {@code chat_changes} log, read from a snapshot cursor whenever the dedicated
 * {@code LISTEN} connection hears of a commit (docs/change-feed.md). Its settings and status are what the rest of a node may use.
 */
@NamedInterface("feed")
package io.chatsync.adapters.postgres.feed;

import org.springframework.modulith.NamedInterface;
