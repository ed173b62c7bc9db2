/** Small periodic chores of a node, each on a daemon thread of its own. */
package io.chatsync.bootstrap.scheduling;
