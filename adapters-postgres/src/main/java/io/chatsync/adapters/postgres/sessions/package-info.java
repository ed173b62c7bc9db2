/** Resumable sessions kept in {@code chat_sessions}, for any node to resume (V6__resume_sessions.sql). */
@NullMarked
package io.chatsync.adapters.postgres.sessions;

import org.jspecify.annotations.NullMarked;
