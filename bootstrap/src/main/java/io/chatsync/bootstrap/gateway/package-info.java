/** Which ports serve which side, and how the Socket.IO gateways are configured. */
package io.chatsync.bootstrap.gateway;
