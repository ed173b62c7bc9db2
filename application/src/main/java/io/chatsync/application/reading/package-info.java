/** Read receipts: a side of a thread marks the other side's messages read. */
package io.chatsync.application.reading;
