/** Small periodic chores of a node, each on a daemon thread of its own. */
@NullMarked
package io.chatsync.bootstrap.scheduling;

import org.jspecify.annotations.NullMarked;
