/** The node's change feed as configured and reported: its connection settings and its health. */
package io.chatsync.bootstrap.feed;
