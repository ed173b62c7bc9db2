/** How a stored change leaves: committed changes, from whichever writer, handed to the realtime side. */
package io.chatsync.application.delivery;
