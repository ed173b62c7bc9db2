/** Which PostgreSQL a node uses: the configured one, {@code DATABASE_URL}, or an embedded one kept on disk. */
package io.chatsync.bootstrap.database;
