/** The chat model: messages in student threads, read receipts, and who may see and write what. */
@NullMarked
package io.chatsync.domain;

import org.jspecify.annotations.NullMarked;
