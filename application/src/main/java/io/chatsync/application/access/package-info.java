/** Who is cut off: users an operator disconnected on every node, whose older tokens no node accepts. */
@NullMarked
package io.chatsync.application.access;

import org.jspecify.annotations.NullMarked;
