/** A student's thread as its participants act on it: who may see it, post into it and read it. */
package io.chatsync.domain.thread;
