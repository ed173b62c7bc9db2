/** How often one user may act (post, mark read, join a room), whichever way they come in. */
@NullMarked
package io.chatsync.application.limits;

import org.jspecify.annotations.NullMarked;
