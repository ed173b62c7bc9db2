/** The node's change feed as configured and reported: its connection settings and its health. */
@NullMarked
package io.chatsync.bootstrap.feed;

import org.jspecify.annotations.NullMarked;
