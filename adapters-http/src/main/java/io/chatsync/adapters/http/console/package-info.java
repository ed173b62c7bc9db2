/** The console in the browser: a way to see messages move, on the public protocol only. */
@NullMarked
package io.chatsync.adapters.http.console;

import org.jspecify.annotations.NullMarked;
