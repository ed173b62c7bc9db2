/** Wires the use cases to their adapters, and reads configuration: the only place that knows all of them. */
package io.chatsync.bootstrap;
