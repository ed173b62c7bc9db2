/** Which ports serve which audience, and how the Socket.IO gateways are configured. */
package io.chatsync.bootstrap.gateway;
