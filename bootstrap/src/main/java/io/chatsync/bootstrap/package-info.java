/** Wires the use cases to their adapters, and reads configuration: the only place that knows all of them. */
@NullMarked
package io.chatsync.bootstrap;

import org.jspecify.annotations.NullMarked;
