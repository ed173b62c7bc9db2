/** Where messages enter and threads are read over HTTP: the JSON API beside the Socket.IO gateway. */
package io.chatsync.adapters.http;
