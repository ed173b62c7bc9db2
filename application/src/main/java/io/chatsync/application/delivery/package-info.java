/** How a stored change leaves: committed changes, from whichever writer, handed to the realtime side. */
@NullMarked
package io.chatsync.application.delivery;

import org.jspecify.annotations.NullMarked;
