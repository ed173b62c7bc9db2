/** Each user's allowance of posts, reads and room joins on this node, kept in token buckets (Bucket4j). */
@NullMarked
package io.chatsync.bootstrap.limits;

import org.jspecify.annotations.NullMarked;
