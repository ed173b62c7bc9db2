/** Messages of a student's thread, their bodies, and the events that posting and reading produce. */
@NullMarked
package io.chatsync.domain.message;

import org.jspecify.annotations.NullMarked;
