/** The chat model: messages in student threads, read receipts, and who may see and write what. */
package io.chatsync.domain;
