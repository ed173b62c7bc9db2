/** chatsync: the application's entry point; every part of it lives in a subpackage. */
@NullMarked
package io.chatsync;

import org.jspecify.annotations.NullMarked;
