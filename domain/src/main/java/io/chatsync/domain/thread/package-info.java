/** A student's thread as its participants act on it: who may see it, post into it and read it. */
@NullMarked
package io.chatsync.domain.thread;

import org.jspecify.annotations.NullMarked;
