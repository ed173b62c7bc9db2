/** Where messages enter and threads are read over HTTP: the JSON API beside the Socket.IO gateway. */
@NullMarked
package io.chatsync.adapters.http;

import org.jspecify.annotations.NullMarked;
