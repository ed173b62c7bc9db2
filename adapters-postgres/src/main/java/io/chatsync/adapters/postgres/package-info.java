/** Where messages are stored and how every node notices them: PostgreSQL through jOOQ, pgjdbc and Flyway. */
package io.chatsync.adapters.postgres;
