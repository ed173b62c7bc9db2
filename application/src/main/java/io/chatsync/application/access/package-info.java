/** Who is cut off: users an operator disconnected on every node, whose older tokens no node accepts. */
package io.chatsync.application.access;
