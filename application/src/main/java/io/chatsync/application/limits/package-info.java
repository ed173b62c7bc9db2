/** How often one user may act (post, mark read, join a room), whichever way they come in. */
package io.chatsync.application.limits;
