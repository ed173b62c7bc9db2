/** What chatsync does, one use case per interface, and the outgoing ports those use cases need. */
package io.chatsync.application;
