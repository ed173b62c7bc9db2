/** The HTTP API's endpoints, their request checks, and RFC 9457 problem details for every refusal. */
package io.chatsync.adapters.http.api;
