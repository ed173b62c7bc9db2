/**
 * How every node notices a change: the {@code chat_changes} log, read past the highest position read and in the
 * gaps below it whenever the dedicated {@code LISTEN} connection hears of a commit (docs/change-feed.md). Its
 * settings and status are what the rest of a node may use.
 */
@NamedInterface("feed")
@NullMarked
package io.chatsync.adapters.postgres.feed;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
