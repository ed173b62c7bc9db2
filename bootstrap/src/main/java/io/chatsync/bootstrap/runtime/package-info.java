/** What a node does with its own JVM: the heap it leaves behind once it has started. */
@NullMarked
package io.chatsync.bootstrap.runtime;

import org.jspecify.annotations.NullMarked;
