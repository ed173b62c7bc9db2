/** Overviews of threads: the staff conversation list and a student's unread count. */
package io.chatsync.application.conversations;
