/** Where messages are stored and how every node notices them: PostgreSQL through jOOQ, pgjdbc and Flyway. */
@NullMarked
package io.chatsync.adapters.postgres;

import org.jspecify.annotations.NullMarked;
