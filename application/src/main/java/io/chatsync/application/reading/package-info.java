/** Read receipts: a side of a thread marks the other side's messages read. */
@NullMarked
package io.chatsync.application.reading;

import org.jspecify.annotations.NullMarked;
