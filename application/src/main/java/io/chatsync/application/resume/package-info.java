/**
 * How a client that dropped comes back, on any node, and misses nothing: its session (who, which rooms, what it had)
 * is kept in the database, and what it missed is read again from the change log (docs/resume.md).
 */
@NullMarked
package io.chatsync.application.resume;

import org.jspecify.annotations.NullMarked;
