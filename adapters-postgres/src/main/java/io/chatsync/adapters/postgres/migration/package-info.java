/** The schema chatsync needs, added to an empty database or beside an existing LMS one without touching its rows. */
package io.chatsync.adapters.postgres.migration;
