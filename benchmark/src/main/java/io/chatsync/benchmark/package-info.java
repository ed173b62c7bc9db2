/** The benchmark: chatsync nodes, official clients and the database measured together, on one machine. */
@NullMarked
package io.chatsync.benchmark;

import org.jspecify.annotations.NullMarked;
