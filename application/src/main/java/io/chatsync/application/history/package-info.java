/** A thread's stored messages, newest first, a page at a time. */
package io.chatsync.application.history;
