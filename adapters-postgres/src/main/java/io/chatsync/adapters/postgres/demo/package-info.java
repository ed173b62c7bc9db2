/** What a demo node adds to its database: a few students, each with a first message. */
@NamedInterface("demo")
@NullMarked
package io.chatsync.adapters.postgres.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
