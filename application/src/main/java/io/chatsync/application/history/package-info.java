/** A thread's stored messages, newest first, a page at a time. */
@NullMarked
package io.chatsync.application.history;

import org.jspecify.annotations.NullMarked;
