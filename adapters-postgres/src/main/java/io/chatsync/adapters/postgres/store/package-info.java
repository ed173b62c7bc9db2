/** Where a message is stored: the {@code chats} and {@code users} tables through jOOQ. */
package io.chatsync.adapters.postgres.store;
