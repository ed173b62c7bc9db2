/** Which ports serve which side, and how the Socket.IO gateways are configured. */
@NullMarked
package io.chatsync.bootstrap.gateway;

import org.jspecify.annotations.NullMarked;
