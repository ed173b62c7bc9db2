/** Which PostgreSQL a node uses: the configured one, {@code DATABASE_URL}, or an embedded one kept on disk. */
@NullMarked
package io.chatsync.bootstrap.database;

import org.jspecify.annotations.NullMarked;
