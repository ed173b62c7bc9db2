/** Where a message is stored: the {@code chats} and {@code users} tables through jOOQ. */
@NullMarked
package io.chatsync.adapters.postgres.store;

import org.jspecify.annotations.NullMarked;
