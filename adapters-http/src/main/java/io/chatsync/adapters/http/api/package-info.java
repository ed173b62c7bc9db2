/** The HTTP API's endpoints, their request checks, and RFC 9457 problem details for every refusal. */
@NullMarked
package io.chatsync.adapters.http.api;

import org.jspecify.annotations.NullMarked;
