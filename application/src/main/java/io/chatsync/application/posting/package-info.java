/** Where a message enters: posting into a student's thread. */
@NullMarked
package io.chatsync.application.posting;

import org.jspecify.annotations.NullMarked;
