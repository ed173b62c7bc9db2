/** Overviews of threads: the staff conversation list and a student's unread count. */
@NullMarked
package io.chatsync.application.conversations;

import org.jspecify.annotations.NullMarked;
