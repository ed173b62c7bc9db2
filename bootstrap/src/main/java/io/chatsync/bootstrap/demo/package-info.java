/**
 * The demo: seeded users, tokens signed by the node itself, and the console's address, to see chatsync work in
 * minutes. Off unless asked for.
 */
@NullMarked
package io.chatsync.bootstrap.demo;

import org.jspecify.annotations.NullMarked;
