/** Messages of a student's thread, their bodies, and the events that posting and reading produce. */
package io.chatsync.domain.message;
