/** What chatsync does, one use case per interface, and the outgoing ports those use cases need. */
@NullMarked
package io.chatsync.application;

import org.jspecify.annotations.NullMarked;
